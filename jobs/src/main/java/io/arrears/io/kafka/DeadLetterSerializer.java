package io.arrears.io.kafka;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.arrears.ingest.DeadLetter;
import io.arrears.io.registry.RegistryAvro;
import io.arrears.io.registry.RegistrySettings;

/**
 * Writes dead letters to their topic in the registry's wire format, keyed by the original record's key (cut as
 * {@link DeadLetter} cuts it).
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final RegistryAvroSerializationSchema<io.arrears.events.DeadLetter> values;

    public DeadLetterSerializer(String topic, RegistrySettings registry) {
        this.topic = topic;
        this.values = RegistryAvro.serializer(io.arrears.events.DeadLetter.class, topic, registry);
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
            throws Exception {
        values.open(context);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        io.arrears.events.DeadLetter avro = io.arrears.events.DeadLetter.newBuilder()
                .setSourceTopic(letter.sourceTopic())
                .setPartition(letter.partition())
                .setOffset(letter.offset())
                .setKey(letter.key() == null ? null : ByteBuffer.wrap(letter.key()))
                .setValue(ByteBuffer.wrap(letter.value()))
                .setError(letter.error())
                .setFailedAt(Instant.ofEpochMilli(letter.failedAt()))
                .setReasonCode(letter.reasonCode().name())
                .setValueLength(letter.valueLength())
                .setValueSha256(letter.valueSha256())
                .build();
        return new ProducerRecord<>(topic, letter.key(), values.serialize(avro));
    }
}
