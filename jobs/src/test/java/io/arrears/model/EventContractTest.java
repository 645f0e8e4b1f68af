package io.arrears.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class EventContractTest {

    private static final LocalDate ISSUED = LocalDate.of(2026, 1, 10);

    private static InvoiceEvent invoice(InvoiceEventType type, long cents, LocalDate due) {
        return new InvoiceEvent("e1", type, "INV-1", "C1", cents, "USD", ISSUED, due, null, 1L);
    }

    private static PaymentEvent payment(PaymentEventType type, long cents, List<Allocation> allocations) {
        return new PaymentEvent("e1", type, "P1", "C1", cents, "USD", null, allocations, null, 1L);
    }

    private static CollectionPolicy policy(List<Integer> stages, double warnRatio, int slaDays) {
        return new CollectionPolicy("p1", "*", stages, 0, slaDays, warnRatio, 5, 1, 0.9, 3, 30, 1L);
    }

    @Test
    void acceptsValidEvents() {
        assertThat(EventContract.check(invoice(InvoiceEventType.ISSUED, 0, ISSUED))).isNotNull();
        assertThat(EventContract.check(payment(PaymentEventType.RECEIVED, 100,
                List.of(new Allocation("A", 60), new Allocation("B", 40))))).isNotNull();
        assertThat(EventContract.check(policy(List.of(1, 30, 60, 90), 0.8, 7))).isNotNull();
        assertThat(EventContract.check(policy(List.of(), 0, 0))).isNotNull();
    }

    @Test
    void refusesNegativeAmountsAndMissingIds() {
        assertThatThrownBy(() -> EventContract.check(invoice(InvoiceEventType.ISSUED, -1, ISSUED)))
                .hasMessage("InvoiceEvent.amount must not be negative, was -0.01");
        assertThatThrownBy(() -> EventContract.check(
                new InvoiceEvent("e1", InvoiceEventType.ISSUED, "INV-1", " ", 5, "USD", ISSUED, ISSUED, null, 1L)))
                .hasMessage("InvoiceEvent.customerId is required, was \" \"");
        assertThatThrownBy(() -> EventContract.check(
                new InvoiceEvent(null, InvoiceEventType.ISSUED, "INV-1", "C1", 5, "USD", ISSUED, ISSUED, null, 1L)))
                .hasMessage("InvoiceEvent.eventId is required");
    }

    @Test
    void refusesDueDatesBeforeIssueAndZeroCredits() {
        assertThatThrownBy(() -> EventContract.check(invoice(InvoiceEventType.ISSUED, 5, ISSUED.minusDays(1))))
                .hasMessage("InvoiceEvent.dueDate must not be before issueDate 2026-01-10, was 2026-01-09");
        assertThatThrownBy(() -> EventContract.check(invoice(InvoiceEventType.CREDITED, 0, ISSUED)))
                .hasMessageContaining("must be positive for CREDITED");
    }

    @Test
    void refusesUnknownCurrencies() {
        assertThatThrownBy(() -> EventContract.check(
                new InvoiceEvent("e1", InvoiceEventType.ISSUED, "I", "C1", 5, "usd", ISSUED, ISSUED, null, 1L)))
                .hasMessage("InvoiceEvent.currency must be an ISO 4217 code such as USD, was \"usd\"");
        assertThatThrownBy(() -> EventContract.check(
                new InvoiceEvent("e1", InvoiceEventType.ISSUED, "I", "C1", 5, "XYZ", ISSUED, ISSUED, null, 1L)))
                .hasMessageContaining("ISO 4217");
    }

    @Test
    void refusesAllocationsThatExceedThePaymentOrRepeatAnInvoice() {
        assertThatThrownBy(() -> EventContract.check(payment(PaymentEventType.RECEIVED, 50,
                List.of(new Allocation("A", 60)))))
                .hasMessage("PaymentEvent.allocations add up to 0.60, more than the amount 0.50");
        assertThatThrownBy(() -> EventContract.check(payment(PaymentEventType.RECEIVED, 100,
                List.of(new Allocation("A", 10), new Allocation("A", 10)))))
                .hasMessageContaining("name invoice A twice");
        assertThatThrownBy(() -> EventContract.check(payment(PaymentEventType.APPLIED, 100, List.of())))
                .hasMessageContaining("must name at least one invoice for APPLIED");
        assertThatThrownBy(() -> EventContract.check(payment(PaymentEventType.RECEIVED, 100,
                List.of(new Allocation("A", 0)))))
                .hasMessageContaining("allocations.amount must be positive");
    }

    @Test
    void requiresWhatEachEventTypeNeeds() {
        assertThatThrownBy(() -> EventContract.check(new DisputeEvent("e", DisputeEventType.RESOLVED, "D", "I", "C",
                5, DisputeReason.OTHER, null, 1L)))
                .hasMessage("DisputeEvent.resolution is required for RESOLVED");
        assertThatThrownBy(() -> EventContract.check(new CollectionActivity("e", ActivityType.PROMISE_TO_PAY, "C",
                null, null, 0L, ISSUED, 1L)))
                .hasMessage("CollectionActivity.promisedAmount must be positive for PROMISE_TO_PAY, was 0.00");
        assertThat(EventContract.check(new CollectionActivity("e", ActivityType.CALL, "C", null, null, null, null,
                1L))).isNotNull();
    }

    @Test
    void refusesInvalidPolicies() {
        assertThatThrownBy(() -> EventContract.check(policy(List.of(1, 30, 30), 0.8, 7)))
                .hasMessageContaining("overdueStageDays must be strictly ascending, without duplicates");
        assertThatThrownBy(() -> EventContract.check(policy(List.of(30, 1), 0.8, 7)))
                .hasMessageContaining("strictly ascending");
        assertThatThrownBy(() -> EventContract.check(policy(List.of(-1, 30), 0.8, 7)))
                .hasMessageContaining("must not contain negative days");
        assertThatThrownBy(() -> EventContract.check(policy(List.of(1), 1.2, 7)))
                .hasMessage("CollectionPolicy.disputeWarnRatio must be between 0 and 1, was 1.2");
        assertThatThrownBy(() -> EventContract.check(policy(List.of(1), Double.NaN, 7)))
                .hasMessageContaining("disputeWarnRatio must be between 0 and 1");
        assertThatThrownBy(() -> EventContract.check(policy(List.of(1), 0.5, -7)))
                .hasMessage("CollectionPolicy.disputeSlaDays must not be negative, was -7");
    }
}
