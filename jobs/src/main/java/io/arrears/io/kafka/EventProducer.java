package io.arrears.io.kafka;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.generator.HistoryGenerator;
import io.arrears.ingest.EventStream;
import io.arrears.io.registry.RegistryAvro;

/**
 * Produces generated events to the input topics as real producers do: registry wire format, keyed by
 * customerId (policies by segment), in order per key.
 */
public final class EventProducer implements Consumer<HistoryGenerator.Generated>, Closeable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<EventStream, String> topics = new EnumMap<>(EventStream.class);
    private final Map<EventStream, RegistryAvroSerializationSchema<SpecificRecord>> serializers =
            new EnumMap<>(EventStream.class);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();

    @SuppressWarnings({"unchecked", "rawtypes"})
    public EventProducer(ArrearsConfig config) {
        Properties properties = config.kafkaProperties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.get(ArrearsOptions.KAFKA_BOOTSTRAP_SERVERS));
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "20");
        this.producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        for (EventStream stream : EventStream.values()) {
            String topic = config.topic(stream);
            topics.put(stream, topic);
            serializers.put(stream, (RegistryAvroSerializationSchema) RegistryAvro.serializer(
                    (Class) stream.avroClass(), topic, config.registry()));
        }
    }

    @Override
    public void accept(HistoryGenerator.Generated event) {
        Exception earlier = failure.get();
        if (earlier != null) {
            throw new IllegalStateException("producing to Kafka failed: " + earlier.getMessage(), earlier);
        }
        String key = event.stream() == EventStream.POLICIES
                ? String.valueOf(event.record().get(event.record().getSchema().getField("segment").pos()))
                : String.valueOf(event.record().get(event.record().getSchema().getField("customerId").pos()));
        // Stamped with the time of writing, as real producers do; business time travels in eventTime.
        producer.send(new ProducerRecord<>(topics.get(event.stream()), key.getBytes(StandardCharsets.UTF_8),
                        serializers.get(event.stream()).serialize(event.record())),
                (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        sent.incrementAndGet();
                    }
                });
    }

    /** Records acknowledged by the broker so far. */
    public long sent() {
        return sent.get();
    }

    public void flush() {
        producer.flush();
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("producing to Kafka failed: " + error.getMessage(), error);
        }
    }

    @Override
    public void close() {
        flush();
        producer.close();
    }
}
