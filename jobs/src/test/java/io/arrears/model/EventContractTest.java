package io.arrears.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.stream.IntStream;
import java.util.List;

import org.junit.jupiter.api.Test;

class EventContractTest {

    private static final LocalDate ISSUED = LocalDate.of(2026, 1, 10);
    private static final EventContract CONTRACT = new EventContract(InputLimits.DEFAULTS);
    private static final long NOW = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

    private static InvoiceEvent check(InvoiceEvent e) {
        return CONTRACT.check(e, NOW);
    }

    private static PaymentEvent check(PaymentEvent e) {
        return CONTRACT.check(e, NOW);
    }

    private static DisputeEvent check(DisputeEvent e) {
        return CONTRACT.check(e, NOW);
    }

    private static CollectionActivity check(CollectionActivity e) {
        return CONTRACT.check(e, NOW);
    }

    private static CustomerUpdated check(CustomerUpdated e) {
        return CONTRACT.check(e, NOW);
    }

    private static CollectionPolicy check(CollectionPolicy p) {
        return CONTRACT.check(p);
    }

    private static ReasonCode reasonOf(Runnable check) {
        try {
            check.run();
        } catch (ContractViolation e) {
            return e.reasonCode();
        }
        throw new AssertionError("accepted");
    }

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
        assertThat(check(invoice(InvoiceEventType.ISSUED, 0, ISSUED))).isNotNull();
        assertThat(check(payment(PaymentEventType.RECEIVED, 100,
                List.of(new Allocation("A", 60), new Allocation("B", 40))))).isNotNull();
        assertThat(check(policy(List.of(1, 30, 60, 90), 0.8, 7))).isNotNull();
        assertThat(check(policy(List.of(), 0, 0))).isNotNull();
    }

    @Test
    void refusesNegativeAmountsAndMissingIds() {
        assertThatThrownBy(() -> check(invoice(InvoiceEventType.ISSUED, -1, ISSUED)))
                .hasMessage("InvoiceEvent.amount must not be negative, was -0.01");
        assertThatThrownBy(() -> check(
                new InvoiceEvent("e1", InvoiceEventType.ISSUED, "INV-1", " ", 5, "USD", ISSUED, ISSUED, null, 1L)))
                .hasMessage("InvoiceEvent.customerId is required, was \" \"");
        assertThatThrownBy(() -> check(
                new InvoiceEvent(null, InvoiceEventType.ISSUED, "INV-1", "C1", 5, "USD", ISSUED, ISSUED, null, 1L)))
                .hasMessage("InvoiceEvent.eventId is required");
    }

    @Test
    void refusesDueDatesBeforeIssueAndZeroCredits() {
        assertThatThrownBy(() -> check(invoice(InvoiceEventType.ISSUED, 5, ISSUED.minusDays(1))))
                .hasMessage("InvoiceEvent.dueDate must not be before issueDate 2026-01-10, was 2026-01-09");
        assertThatThrownBy(() -> check(invoice(InvoiceEventType.CREDITED, 0, ISSUED)))
                .hasMessageContaining("must be positive for CREDITED");
    }

    @Test
    void refusesUnknownCurrencies() {
        assertThatThrownBy(() -> check(
                new InvoiceEvent("e1", InvoiceEventType.ISSUED, "I", "C1", 5, "usd", ISSUED, ISSUED, null, 1L)))
                .hasMessage("InvoiceEvent.currency must be an ISO 4217 code such as USD, was \"usd\"");
        assertThatThrownBy(() -> check(
                new InvoiceEvent("e1", InvoiceEventType.ISSUED, "I", "C1", 5, "XYZ", ISSUED, ISSUED, null, 1L)))
                .hasMessageContaining("ISO 4217");
    }

    @Test
    void refusesAllocationsThatExceedThePaymentOrRepeatAnInvoice() {
        assertThatThrownBy(() -> check(payment(PaymentEventType.RECEIVED, 50,
                List.of(new Allocation("A", 60)))))
                .hasMessage("PaymentEvent.allocations add up to 0.60, more than the amount 0.50");
        assertThatThrownBy(() -> check(payment(PaymentEventType.RECEIVED, 100,
                List.of(new Allocation("A", 10), new Allocation("A", 10)))))
                .hasMessageContaining("name invoice A twice");
        assertThatThrownBy(() -> check(payment(PaymentEventType.APPLIED, 100, List.of())))
                .hasMessageContaining("must name at least one invoice for APPLIED");
        assertThatThrownBy(() -> check(payment(PaymentEventType.RECEIVED, 100,
                List.of(new Allocation("A", 0)))))
                .hasMessageContaining("allocations.amount must be positive");
    }

    @Test
    void requiresWhatEachEventTypeNeeds() {
        assertThatThrownBy(() -> check(new DisputeEvent("e", DisputeEventType.RESOLVED, "D", "I", "C",
                5, DisputeReason.OTHER, null, 1L)))
                .hasMessage("DisputeEvent.resolution is required for RESOLVED");
        assertThatThrownBy(() -> check(new CollectionActivity("e", ActivityType.PROMISE_TO_PAY, "C",
                null, null, 0L, ISSUED, 1L)))
                .hasMessage("CollectionActivity.promisedAmount must be positive for PROMISE_TO_PAY, was 0.00");
        assertThat(check(new CollectionActivity("e", ActivityType.CALL, "C", null, null, null, null,
                1L))).isNotNull();
    }

    @Test
    void refusesInvalidPolicies() {
        assertThatThrownBy(() -> check(policy(List.of(1, 30, 30), 0.8, 7)))
                .hasMessageContaining("overdueStageDays must be strictly ascending, without duplicates");
        assertThatThrownBy(() -> check(policy(List.of(30, 1), 0.8, 7)))
                .hasMessageContaining("strictly ascending");
        assertThatThrownBy(() -> check(policy(List.of(-1, 30), 0.8, 7)))
                .hasMessage("CollectionPolicy.overdueStageDays must be days between 0 and 3650, was -1");
        assertThatThrownBy(() -> check(policy(List.of(1), 1.2, 7)))
                .hasMessage("CollectionPolicy.disputeWarnRatio must be between 0 and 1, was 1.2");
        assertThatThrownBy(() -> check(policy(List.of(1), Double.NaN, 7)))
                .hasMessageContaining("disputeWarnRatio must be between 0 and 1");
        assertThatThrownBy(() -> check(policy(List.of(1), 0.5, -7)))
                .hasMessage("CollectionPolicy.disputeSlaDays must be days between 0 and 3650, was -7");
    }

    @Test
    void refusesIdsThatAreLongUnprintableOrBlankAsLimitsOrContract() {
        String longId = "C".repeat(129);
        assertThatThrownBy(() -> check(new InvoiceEvent("e1", InvoiceEventType.ISSUED, "INV-1", longId, 100, "USD",
                ISSUED, ISSUED, null, NOW)))
                .hasMessageStartingWith("InvoiceEvent.customerId has 129 characters, more than ingest.max-id-length "
                        + "(128), was \"CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC\" (cut; 129 characters)");
        assertThat(reasonOf(() -> check(new InvoiceEvent("e1", InvoiceEventType.ISSUED, "I".repeat(40_000), "C1",
                100, "USD", ISSUED, ISSUED, null, NOW)))).isEqualTo(ReasonCode.LIMIT);
        assertThat(check(new InvoiceEvent("e1", InvoiceEventType.ISSUED, "I".repeat(128), "C1", 100, "USD",
                ISSUED, ISSUED, null, NOW))).isNotNull();
        assertThatThrownBy(() -> check(new InvoiceEvent("e1", InvoiceEventType.ISSUED, "INV\u0001\u0007x", "C1",
                100, "USD", ISSUED, ISSUED, null, NOW)))
                .hasMessage("InvoiceEvent.invoiceId must be printable: character U+0001 at 3, was \"INV\\u0001\\u0007x\"")
                .extracting(e -> ((ContractViolation) e).reasonCode()).isEqualTo(ReasonCode.CONTRACT);
        assertThat(reasonOf(() -> check(new CollectionActivity("e", ActivityType.CALL, "C", "\ud800", null, null,
                null, NOW)))).isEqualTo(ReasonCode.CONTRACT);
        assertThat(reasonOf(() -> check(new CollectionActivity("e", ActivityType.CALL, "C", " ", null, null,
                null, NOW)))).isEqualTo(ReasonCode.CONTRACT);
        assertThat(check(new CollectionActivity("e", ActivityType.CALL, "C", "Z\u00fcrich-\ud83d\ude00", null, null,
                null, NOW))).isNotNull();
    }

    @Test
    void boundsFreeTextAllocationsAmountsAndPolicies() {
        assertThatThrownBy(() -> check(new InvoiceEvent("e1", InvoiceEventType.ISSUED, "INV-1", "C1", 100, "USD",
                ISSUED, ISSUED, "P".repeat(2_000_000), NOW)))
                .hasMessageStartingWith("InvoiceEvent.poNumber has 2000000 characters, more than "
                        + "ingest.max-text-length (1000)");
        assertThat(reasonOf(() -> check(new CustomerUpdated("e", "C", "N".repeat(1001), "SMB", null, null, null,
                "USD", 30, NOW)))).isEqualTo(ReasonCode.LIMIT);
        List<Allocation> many = IntStream.range(0, 1001).mapToObj(i -> new Allocation("I" + i, 1)).toList();
        assertThatThrownBy(() -> check(payment(PaymentEventType.RECEIVED, 100_000, many)))
                .hasMessage("PaymentEvent.allocations has 1001 entries, more than ingest.max-allocations (1000)");
        assertThatThrownBy(() -> check(invoice(InvoiceEventType.ISSUED, InputLimits.DEFAULTS.maxAmountCents() + 1,
                ISSUED)))
                .hasMessage("InvoiceEvent.amount 1000000000000.01 is more than ingest.max-amount (1000000000000.00)");
        assertThat(check(invoice(InvoiceEventType.ISSUED, InputLimits.DEFAULTS.maxAmountCents(), ISSUED)))
                .isNotNull();
        List<Integer> stages = new ArrayList<>(IntStream.rangeClosed(1, 33).boxed().toList());
        assertThatThrownBy(() -> check(policy(stages, 0.8, 7)))
                .hasMessage("CollectionPolicy.overdueStageDays has 33 stages, more than ingest.max-policy-stages (32)");
        assertThatThrownBy(() -> check(policy(List.of(1, Integer.MAX_VALUE), 0.8, 7)))
                .hasMessageStartingWith("CollectionPolicy.overdueStageDays must be days between 0 and 3650");
        assertThatThrownBy(() -> check(policy(List.of(1), 0.8, 1_000_000)))
                .hasMessageStartingWith("CollectionPolicy.disputeSlaDays must be days between 0 and 3650");
    }

    @Test
    void refusesEventTimesBefore1970OrAheadOfTheWallClockButNotPoliciesDatedAhead() {
        long day = 24L * 60 * 60 * 1000;
        InvoiceEvent tomorrow = new InvoiceEvent("e1", InvoiceEventType.ISSUED, "INV-1", "C1", 1, "USD", ISSUED,
                ISSUED, null, NOW + day);
        assertThat(check(tomorrow)).isNotNull();
        InvoiceEvent later = new InvoiceEvent("e1", InvoiceEventType.ISSUED, "INV-1", "C1", 1, "USD", ISSUED,
                ISSUED, null, NOW + day + 1);
        assertThatThrownBy(() -> check(later))
                .hasMessageContaining("is more than ingest.max-event-time-ahead (86400 s) after the wall clock "
                        + "2026-06-01T00:00:00Z")
                .extracting(e -> ((ContractViolation) e).reasonCode()).isEqualTo(ReasonCode.FUTURE);
        long micros = NOW * 1000;
        assertThat(reasonOf(() -> check(new InvoiceEvent("e1", InvoiceEventType.ISSUED, "INV-1", "C1", 1, "USD",
                ISSUED, ISSUED, null, micros)))).isEqualTo(ReasonCode.FUTURE);
        assertThatThrownBy(() -> check(new InvoiceEvent("e1", InvoiceEventType.ISSUED, "INV-1", "C1", 1, "USD",
                ISSUED, ISSUED, null, -1)))
                .hasMessageStartingWith("InvoiceEvent.eventTime must not be before 1970-01-01T00:00:00Z");
        CollectionPolicy ahead = new CollectionPolicy("p2", "*", List.of(1), 0, 7, 0.8, 5, 1, 0.9, 3, 30,
                NOW + 365 * day);
        assertThat(check(ahead)).isNotNull();
        assertThat(reasonOf(() -> check(new InvoiceEvent("e1", InvoiceEventType.ISSUED, "INV-1", "C1", 1, "USD",
                LocalDate.of(1969, 12, 31), ISSUED, null, NOW)))).isEqualTo(ReasonCode.CONTRACT);
        assertThat(reasonOf(() -> check(new InvoiceEvent("e1", InvoiceEventType.ISSUED, "INV-1", "C1", 1, "USD",
                ISSUED, LocalDate.of(10_000, 1, 1), null, NOW)))).isEqualTo(ReasonCode.CONTRACT);
    }
}
