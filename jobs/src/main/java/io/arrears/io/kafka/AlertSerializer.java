package io.arrears.io.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.arrears.events.Alert;
import io.arrears.events.AlertStatus;
import io.arrears.events.AlertType;
import io.arrears.events.Severity;
import io.arrears.io.registry.RegistryAvro;
import io.arrears.io.registry.RegistrySettings;
import io.arrears.ledger.AlertTransition;
import io.arrears.model.Money;

/**
 * Alert transitions to ar.alerts, keyed by customerId. The record timestamp is the time of writing, not the
 * business time (triggeredAt): a backfill's alerts carry business times months old, and time-based retention
 * would delete them before anyone read them.
 */
public final class AlertSerializer implements KafkaRecordSerializationSchema<AlertTransition> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final RegistryAvroSerializationSchema<Alert> values;

    public AlertSerializer(String topic, RegistrySettings registry) {
        this.topic = topic;
        this.values = RegistryAvro.serializer(Alert.class, topic, registry);
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
            throws Exception {
        values.open(context);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(AlertTransition t, KafkaSinkContext context, Long timestamp) {
        return record(t, values.serialize(toAvro(t)));
    }

    ProducerRecord<byte[], byte[]> record(AlertTransition t, byte[] value) {
        return new ProducerRecord<>(topic, t.customerId().getBytes(StandardCharsets.UTF_8), value);
    }

    public static Alert toAvro(AlertTransition t) {
        return Alert.newBuilder()
                .setAlertId(t.alertId())
                .setAlertType(AlertType.valueOf(t.alertType().name()))
                .setStatus(AlertStatus.valueOf(t.status().name()))
                .setSeverity(Severity.valueOf(t.severity().name()))
                .setCustomerId(t.customerId())
                .setInvoiceId(t.invoiceId())
                .setDisputeId(t.disputeId())
                .setPaymentId(t.paymentId())
                .setCollectorId(t.collectorId())
                .setSegment(t.segment())
                .setDisputed(t.disputed())
                .setAmount(t.amountCents() == null ? null : Money.toDecimal(t.amountCents()))
                .setCurrency(t.currency() == null ? "" : t.currency())
                .setStageDays(t.stageDays())
                .setTriggeredAt(Instant.ofEpochMilli(t.triggeredAt()))
                .setMessage(t.message())
                .build();
    }
}
