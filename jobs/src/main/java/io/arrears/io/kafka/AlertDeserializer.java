package io.arrears.io.kafka;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.arrears.events.Alert;
import io.arrears.ingest.DeadLetter;
import io.arrears.io.registry.RegistryAvro;
import io.arrears.io.registry.RegistryAvroDecoder;
import io.arrears.io.registry.RegistrySettings;
import io.arrears.io.registry.RegistryUnavailableException;
import io.arrears.io.registry.WireFormatException;
import io.arrears.model.ReasonCode;
import io.arrears.notify.MessageAlert;
import io.arrears.notify.pipeline.AlertRecord;
import io.arrears.pipeline.DomainTypes;

/**
 * Reads ar.alerts for the notifications job. A record that cannot be decoded (not the wire format, an unknown or
 * non-Avro schema id, a cut or corrupt body) becomes a dead letter with the reason; a registry that cannot be
 * reached fails the task, which retries from its checkpoint.
 */
public final class AlertDeserializer implements KafkaRecordDeserializationSchema<AlertRecord> {

    private static final long serialVersionUID = 1L;

    private final RegistryAvroDecoder<Alert> decoder;

    public AlertDeserializer(RegistrySettings registry) {
        this.decoder = RegistryAvro.deserializer(Alert.class, registry);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<AlertRecord> out) throws IOException {
        if (record.value() == null) {
            out.collect(deadLetter(record, ReasonCode.DECODE, "record has no value (a tombstone); alerts always "
                    + "carry one"));
            return;
        }
        try {
            out.collect(new AlertRecord(toMessageAlert(decoder.deserialize(record.value())), null));
        } catch (WireFormatException e) {
            out.collect(deadLetter(record, e.reasonCode(), e.getMessage()));
        } catch (EOFException e) {
            out.collect(deadLetter(record, ReasonCode.DECODE, "corrupt Avro body: it ends too early"));
        } catch (RegistryUnavailableException e) {
            throw e; // the registry, not the record: retried from the last checkpoint
        } catch (IOException | RuntimeException e) {
            out.collect(deadLetter(record, ReasonCode.DECODE, "cannot decode the record as an Alert: " + e));
        }
    }

    static MessageAlert toMessageAlert(Alert alert) {
        BigDecimal amount = alert.getAmount();
        return new MessageAlert(alert.getAlertId(), alert.getAlertType().name(), alert.getStatus().name(),
                alert.getSeverity().name(), alert.getCustomerId(), alert.getInvoiceId(), alert.getDisputeId(),
                alert.getCollectorId(), alert.getSegment(),
                amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString(),
                alert.getCurrency().isEmpty() ? null : alert.getCurrency(), alert.getStageDays(),
                alert.getTriggeredAt().toString(), alert.getMessage());
    }

    private static AlertRecord deadLetter(ConsumerRecord<byte[], byte[]> record, ReasonCode reasonCode,
                                          String error) {
        return new AlertRecord(null, DeadLetter.of(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), reasonCode, error, System.currentTimeMillis()));
    }

    @Override
    public TypeInformation<AlertRecord> getProducedType() {
        return DomainTypes.of(AlertRecord.class);
    }
}
