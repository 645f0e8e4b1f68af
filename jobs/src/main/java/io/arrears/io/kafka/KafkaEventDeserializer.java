package io.arrears.io.kafka;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.arrears.ingest.AvroEventMapper;
import io.arrears.ingest.DeadLetter;
import io.arrears.ingest.EventStream;
import io.arrears.ingest.Ingested;
import io.arrears.io.registry.RegistryAvro;
import io.arrears.io.registry.RegistryAvroDecoder;
import io.arrears.io.registry.RegistrySettings;
import io.arrears.io.registry.RegistryUnavailableException;
import io.arrears.io.registry.WireFormatException;
import io.arrears.model.ContractViolation;
import io.arrears.model.ReasonCode;
import io.arrears.pipeline.DomainTypes;

/**
 * Decodes one input topic's records (registry wire format, Avro) into domain events. A record that is larger
 * than {@code ingest.max-record-bytes}, cannot be decoded or breaks the event contract becomes a
 * {@link DeadLetter} with the reason and its coordinates; the stream goes on. A registry that cannot be reached
 * fails the task instead: the records are fine, and the job retries them from its last checkpoint.
 */
public final class KafkaEventDeserializer implements KafkaRecordDeserializationSchema<Ingested> {

    private static final long serialVersionUID = 1L;

    private final EventStream stream;
    private final RegistryAvroDecoder<? extends SpecificRecord> decoder;
    private final AvroEventMapper mapper;

    public KafkaEventDeserializer(EventStream stream, RegistrySettings registry, AvroEventMapper mapper) {
        this.stream = stream;
        this.mapper = mapper;
        this.decoder = RegistryAvro.deserializer(stream.avroClass(), registry);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) throws IOException {
        out.collect(decode(record));
    }

    Ingested decode(ConsumerRecord<byte[], byte[]> record) throws IOException {
        byte[] value = record.value();
        if (value == null) {
            return deadLetter(record, ReasonCode.DECODE, "record has no value (a tombstone); "
                    + stream.defaultTopic() + " records always carry one");
        }
        long size = (long) value.length + (record.key() == null ? 0 : record.key().length);
        int limit = mapper.limits().maxRecordBytes();
        if (size > limit) {
            return deadLetter(record, ReasonCode.LIMIT, "record of " + size + " bytes (key and value) is larger "
                    + "than ingest.max-record-bytes (" + limit + ")");
        }
        try {
            SpecificRecord decoded = decoder.deserialize(value);
            return mapper.toIngested(stream, decoded);
        } catch (WireFormatException e) {
            return deadLetter(record, e.reasonCode(), e.getMessage());
        } catch (ContractViolation e) {
            return deadLetter(record, e.reasonCode(), e.getMessage());
        } catch (EOFException e) {
            return deadLetter(record, ReasonCode.DECODE, "corrupt Avro body" + schemaIdOf(value)
                    + ": it ends too early");
        } catch (RegistryUnavailableException e) {
            throw e; // the registry, not the record: retried from the last checkpoint
        } catch (IOException | RuntimeException e) {
            // Corrupt bytes surface from Avro as many exceptions (an invalid varint, negative lengths, enum or
            // union indexes out of range, unresolvable writer schemas); all of them mean this record is unusable.
            return deadLetter(record, ReasonCode.DECODE, "cannot decode the Avro body" + schemaIdOf(value) + " as "
                    + stream.avroClass().getSimpleName() + ": " + e);
        }
    }

    private static String schemaIdOf(byte[] value) {
        return value.length >= 5 ? " (schema id " + ByteBuffer.wrap(value, 1, 4).getInt() + ")" : "";
    }

    private static Ingested deadLetter(ConsumerRecord<byte[], byte[]> record, ReasonCode reasonCode, String error) {
        return Ingested.of(DeadLetter.of(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), reasonCode, error, System.currentTimeMillis()));
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return DomainTypes.of(Ingested.class);
    }
}
