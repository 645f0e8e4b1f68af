package io.arrears.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import io.arrears.model.Severity;
import io.arrears.notify.pipeline.Delivery;
import io.arrears.notify.pipeline.NotificationBatcher;

class NotificationBatcherTest {

    private static final Channel ANNA = new Channel(ChannelType.EMAIL, "anna@example.com", Severity.INFO);
    private static final Channel BEN = new Channel(ChannelType.EMAIL, "ben@example.com", Severity.INFO);
    private static final MessageTemplates TEMPLATES = new MessageTemplates("{alertType} {customer}", "{message}",
            "{count} updates", "- {status} {alertType}", "https://grafana/{customer}");

    private static KeyedOneInputStreamOperatorTestHarness<String, Delivery, Message> harness() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new NotificationBatcher(TEMPLATES, Duration.ofMinutes(60),
                        Duration.ofDays(7))),
                delivery -> delivery.channel().id(), Types.STRING);
        harness.open();
        return harness;
    }

    @Test
    void criticalOpeningsGoAtOnceTheRestInOneDigestPerChannelAndInterval() throws Exception {
        try (var harness = harness()) {
            harness.setProcessingTime(10 * 60_000L);
            harness.processElement(new Delivery(ANNA, alert("A1", "CRITICAL", "OPEN")), 0);
            harness.processElement(new Delivery(ANNA, alert("A2", "WARNING", "OPEN")), 0);
            harness.processElement(new Delivery(ANNA, alert("A1", "CRITICAL", "RESOLVED")), 0);
            harness.processElement(new Delivery(BEN, alert("A3", "INFO", "OPEN")), 0);
            assertThat(harness.extractOutputValues()).extracting(Message::subject).containsExactly("INVOICE_OVERDUE C1");

            harness.setProcessingTime(60 * 60_000L - 1);
            assertThat(harness.extractOutputValues()).hasSize(1);
            harness.setProcessingTime(60 * 60_000L);
            assertThat(harness.extractOutputValues()).extracting(m -> m.channel().address() + ": " + m.subject())
                    .containsExactly("anna@example.com: INVOICE_OVERDUE C1", "anna@example.com: 2 updates",
                            "ben@example.com: 1 updates");
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aTransitionSeenBeforeIsNotSentAgainAlsoAfterARestore() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            harness.setProcessingTime(0);
            harness.processElement(new Delivery(ANNA, alert("A1", "CRITICAL", "OPEN")), 0);
            harness.processElement(new Delivery(ANNA, alert("A2", "WARNING", "OPEN")), 0);
            snapshot = harness.snapshot(1, 0);
        }
        try (var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new NotificationBatcher(TEMPLATES, Duration.ofMinutes(60),
                        Duration.ofDays(7))),
                (Delivery delivery) -> delivery.channel().id(), Types.STRING)) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(new Delivery(ANNA, alert("A1", "CRITICAL", "OPEN")), 0);
            restored.processElement(new Delivery(ANNA, alert("A2", "WARNING", "OPEN")), 0);
            restored.setProcessingTime(60 * 60_000L);
            assertThat(restored.extractOutputValues()).extracting(Message::subject)
                    .as("only the digest that was waiting, with A2 once").containsExactly("1 updates");
            assertThat(restored.numProcessingTimeTimers()).isZero();
        }
    }

    private static MessageAlert alert(String id, String severity, String status) {
        return new MessageAlert(id, "INVOICE_OVERDUE", status, severity, "C1", "I1", null, "col-1", "SMB", "10.00",
                "USD", 3, "2026-03-02T00:00:00Z", "Alert " + id + ".");
    }
}
