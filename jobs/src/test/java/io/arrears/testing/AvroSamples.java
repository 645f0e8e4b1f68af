package io.arrears.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import io.arrears.events.ActivityType;
import io.arrears.events.Alert;
import io.arrears.events.AlertStatus;
import io.arrears.events.AlertType;
import io.arrears.events.Allocation;
import io.arrears.events.CollectionActivity;
import io.arrears.events.CollectionPolicy;
import io.arrears.events.CustomerUpdated;
import io.arrears.events.DeadLetter;
import io.arrears.events.DisputeEvent;
import io.arrears.events.DisputeEventType;
import io.arrears.events.DisputeReason;
import io.arrears.events.InvoiceEvent;
import io.arrears.events.InvoiceEventType;
import io.arrears.events.PaymentEvent;
import io.arrears.events.PaymentEventType;
import io.arrears.events.PaymentMethod;
import io.arrears.events.Severity;
import io.arrears.ingest.EventStream;

/** One valid record of each Avro type, with every optional field set, and variants by id. */
public final class AvroSamples {

    public static final Instant T0 = Instant.parse("2026-03-02T09:15:00Z");

    private AvroSamples() {
    }

    public static SpecificRecord validInput(EventStream stream, int n) {
        return switch (stream) {
            case CUSTOMERS -> customer(n);
            case INVOICES -> invoice(n);
            case PAYMENTS -> payment(n);
            case DISPUTES -> dispute(n);
            case ACTIVITIES -> activity(n);
            case POLICIES -> policy(n);
        };
    }

    public static CustomerUpdated customer(int n) {
        return CustomerUpdated.newBuilder().setEventId("cu-" + n).setCustomerId("C" + n).setName("Acme " + n)
                .setSegment("ENTERPRISE").setRegion("EMEA").setCollectorId("col-7")
                .setCreditLimit(new BigDecimal("50000.00")).setCurrency("EUR").setPaymentTermsDays(30)
                .setEventTime(T0.plusSeconds(n)).build();
    }

    public static InvoiceEvent invoice(int n) {
        return InvoiceEvent.newBuilder().setEventId("inv-ev-" + n).setEventType(InvoiceEventType.ISSUED)
                .setInvoiceId("INV-" + n).setCustomerId("C1").setAmount(new BigDecimal("1250.40"))
                .setCurrency("EUR").setIssueDate(LocalDate.of(2026, 3, 1)).setDueDate(LocalDate.of(2026, 3, 31))
                .setPoNumber("PO-" + n).setEventTime(T0.plusSeconds(n)).build();
    }

    public static PaymentEvent payment(int n) {
        return PaymentEvent.newBuilder().setEventId("pay-ev-" + n).setEventType(PaymentEventType.RECEIVED)
                .setPaymentId("PAY-" + n).setCustomerId("C1").setAmount(new BigDecimal("1000.00"))
                .setCurrency("EUR").setMethod(PaymentMethod.WIRE)
                .setAllocations(List.of(new Allocation("INV-1", new BigDecimal("600.00")),
                        new Allocation("INV-2", new BigDecimal("400.00"))))
                .setReversalReason(null).setEventTime(T0.plusSeconds(n)).build();
    }

    public static DisputeEvent dispute(int n) {
        return DisputeEvent.newBuilder().setEventId("dis-ev-" + n).setEventType(DisputeEventType.OPENED)
                .setDisputeId("D-" + n).setInvoiceId("INV-1").setCustomerId("C1")
                .setAmount(new BigDecimal("99.99")).setReasonCode(DisputeReason.DAMAGED).setResolution(null)
                .setEventTime(T0.plusSeconds(n)).build();
    }

    public static CollectionActivity activity(int n) {
        return CollectionActivity.newBuilder().setEventId("act-" + n).setActivityType(ActivityType.PROMISE_TO_PAY)
                .setCustomerId("C1").setInvoiceId("INV-1").setCollectorId("col-7")
                .setPromisedAmount(new BigDecimal("500.00")).setPromisedDate(LocalDate.of(2026, 4, 10))
                .setEventTime(T0.plusSeconds(n)).build();
    }

    public static CollectionPolicy policy(int n) {
        return CollectionPolicy.newBuilder().setPolicyId("pol-" + n).setSegment("ENTERPRISE")
                .setOverdueStageDays(List.of(1, 15, 45, 90)).setGraceDays(2).setDisputeSlaDays(10)
                .setDisputeWarnRatio(0.7).setFollowUpSlaDays(3).setPromiseGraceDays(0)
                .setCreditWarnUtilization(0.85).setUnappliedCashMaxDays(5).setDuplicateWindowDays(45)
                .setEventTime(T0.plusSeconds(n)).build();
    }

    public static Alert alert(int n) {
        return Alert.newBuilder().setAlertId("alert-" + n).setAlertType(AlertType.INVOICE_OVERDUE)
                .setStatus(AlertStatus.OPEN).setSeverity(Severity.WARNING).setCustomerId("C1").setInvoiceId("INV-1")
                .setDisputeId(null).setPaymentId(null).setCollectorId("col-7").setSegment("ENTERPRISE")
                .setDisputed(true).setAmount(new BigDecimal("1250.40")).setCurrency("EUR").setStageDays(30)
                .setTriggeredAt(T0.plusSeconds(n)).setMessage("Invoice INV-1 is 30 days past due").build();
    }

    public static DeadLetter deadLetter(int n) {
        return DeadLetter.newBuilder().setSourceTopic("ar.invoices").setPartition(1).setOffset(42 + n)
                .setKey(java.nio.ByteBuffer.wrap(new byte[] {1, 2})).setValue(java.nio.ByteBuffer.wrap(new byte[] {9}))
                .setError("unknown magic byte 0x09").setFailedAt(T0.plusSeconds(n)).build();
    }
}
