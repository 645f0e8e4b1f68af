package io.arrears.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules an event must meet beyond its schema (docs/events.md, "Validation"), within the configured
 * {@link InputLimits}. An event that breaks one is refused as a whole with a {@link ContractViolation} naming the
 * record, the field and the value (cut short when long) and the class of the reason.
 */
public final class EventContract implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DAYS = 3650;
    /** Dates and instants the ledger can count days with: the epoch to the end of year 9999. */
    private static final LocalDate FIRST_DATE = LocalDate.EPOCH;
    private static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);
    private static final long LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    /** Characters of a refused value quoted in a reason. */
    private static final int QUOTED = 40;

    private final InputLimits limits;

    public EventContract(InputLimits limits) {
        this.limits = limits;
    }

    public InputLimits limits() {
        return limits;
    }

    /** @param now the wall clock, epoch milliseconds: no eventTime lies further after it than the limit */
    public CustomerUpdated check(CustomerUpdated e, long now) {
        String r = "CustomerUpdated";
        common(r, e, now);
        id(r, "segment", e.segment());
        text(r, "name", e.name(), true);
        optionalId(r, "region", e.region());
        optionalId(r, "collectorId", e.collectorId());
        currency(r, e.currency());
        if (e.creditLimitCents() != null) {
            amount(r, "creditLimit", e.creditLimitCents());
        }
        days(r, "paymentTermsDays", e.paymentTermsDays());
        return e;
    }

    public InvoiceEvent check(InvoiceEvent e, long now) {
        String r = "InvoiceEvent";
        common(r, e, now);
        id(r, "invoiceId", e.invoiceId());
        currency(r, e.currency());
        amount(r, "amount", e.amountCents());
        text(r, "poNumber", e.poNumber(), false);
        if ((e.eventType() == InvoiceEventType.CREDITED || e.eventType() == InvoiceEventType.WRITTEN_OFF)
                && e.amountCents() == 0) {
            fail(r, "amount", "must be positive for " + e.eventType(), "0.00");
        }
        date(r, "issueDate", e.issueDate());
        date(r, "dueDate", e.dueDate());
        if (e.dueDate().isBefore(e.issueDate())) {
            fail(r, "dueDate", "must not be before issueDate " + e.issueDate(), e.dueDate());
        }
        return e;
    }

    public PaymentEvent check(PaymentEvent e, long now) {
        String r = "PaymentEvent";
        common(r, e, now);
        id(r, "paymentId", e.paymentId());
        currency(r, e.currency());
        amount(r, "amount", e.amountCents());
        if (e.eventType() == PaymentEventType.RECEIVED && e.amountCents() == 0) {
            fail(r, "amount", "must be positive for RECEIVED", "0.00");
        }
        if (e.eventType() == PaymentEventType.APPLIED && e.allocations().isEmpty()) {
            fail(r, "allocations", "must name at least one invoice for APPLIED", "[]");
        }
        allocations(r, e.allocations(), e.amountCents());
        return e;
    }

    public DisputeEvent check(DisputeEvent e, long now) {
        String r = "DisputeEvent";
        common(r, e, now);
        id(r, "disputeId", e.disputeId());
        id(r, "invoiceId", e.invoiceId());
        amount(r, "amount", e.amountCents());
        if (e.eventType() == DisputeEventType.RESOLVED && e.resolution() == null) {
            fail(r, "resolution", "is required for RESOLVED", null);
        }
        return e;
    }

    public CollectionActivity check(CollectionActivity e, long now) {
        String r = "CollectionActivity";
        common(r, e, now);
        optionalId(r, "invoiceId", e.invoiceId());
        optionalId(r, "collectorId", e.collectorId());
        if (e.promisedAmountCents() != null) {
            amount(r, "promisedAmount", e.promisedAmountCents());
        }
        if (e.promisedDate() != null) {
            date(r, "promisedDate", e.promisedDate());
        }
        if (e.activityType() == ActivityType.PROMISE_TO_PAY) {
            if (e.promisedAmountCents() == null || e.promisedAmountCents() <= 0) {
                fail(r, "promisedAmount", "must be positive for PROMISE_TO_PAY",
                        e.promisedAmountCents() == null ? null : Money.toDecimal(e.promisedAmountCents()));
            }
            if (e.promisedDate() == null) {
                fail(r, "promisedDate", "is required for PROMISE_TO_PAY", null);
            }
        }
        return e;
    }

    /** Policy versions may be dated ahead of the wall clock: a segment's next policy is published in advance. */
    public CollectionPolicy check(CollectionPolicy p) {
        String r = "CollectionPolicy";
        id(r, "policyId", p.policyId());
        id(r, "segment", p.segment());
        eventTime(r, p.eventTime());
        if (p.eventTime() > LAST_INSTANT) {
            fail(r, "eventTime", "must not be after 9999-12-31", p.eventTime());
        }
        List<Integer> stages = p.overdueStageDays();
        if (stages.size() > limits.maxPolicyStages()) {
            throw new ContractViolation(ReasonCode.LIMIT, r + ".overdueStageDays has " + stages.size()
                    + " stages, more than ingest.max-policy-stages (" + limits.maxPolicyStages() + ")");
        }
        for (int i = 0; i < stages.size(); i++) {
            days(r, "overdueStageDays", stages.get(i));
            if (i > 0 && stages.get(i) <= stages.get(i - 1)) {
                fail(r, "overdueStageDays", "must be strictly ascending, without duplicates", stages);
            }
        }
        days(r, "graceDays", p.graceDays());
        days(r, "disputeSlaDays", p.disputeSlaDays());
        days(r, "followUpSlaDays", p.followUpSlaDays());
        days(r, "promiseGraceDays", p.promiseGraceDays());
        days(r, "unappliedCashMaxDays", p.unappliedCashMaxDays());
        days(r, "duplicateWindowDays", p.duplicateWindowDays());
        ratio(r, "disputeWarnRatio", p.disputeWarnRatio());
        ratio(r, "creditWarnUtilization", p.creditWarnUtilization());
        return p;
    }

    private void common(String record, CustomerScoped e, long now) {
        id(record, "eventId", e.eventId());
        id(record, "customerId", e.customerId());
        eventTime(record, e.eventTime());
        long latest = Math.min(LAST_INSTANT, now + limits.maxEventTimeAheadMillis());
        if (e.eventTime() > latest) {
            throw new ContractViolation(ReasonCode.FUTURE, record + ".eventTime " + e.eventTime() + " ("
                    + (e.eventTime() <= LAST_INSTANT ? Instant.ofEpochMilli(e.eventTime()) : "after year 9999")
                    + ") is more than ingest.max-event-time-ahead (" + limits.maxEventTimeAheadMillis() / 1000
                    + " s) after the wall clock " + Instant.ofEpochMilli(now) + "; epoch milliseconds are "
                    + "expected (microseconds or nanoseconds read as milliseconds lie far ahead)");
        }
    }

    /** Not before 1970: the ledger counts days from the epoch. */
    private static void eventTime(String record, long eventTime) {
        if (eventTime < 0) {
            fail(record, "eventTime", "must not be before 1970-01-01T00:00:00Z (epoch milliseconds from 0)",
                    eventTime);
        }
    }

    private void allocations(String record, List<Allocation> allocations, long paymentCents) {
        if (allocations.size() > limits.maxAllocations()) {
            throw new ContractViolation(ReasonCode.LIMIT, record + ".allocations has " + allocations.size()
                    + " entries, more than ingest.max-allocations (" + limits.maxAllocations() + ")");
        }
        long sum = 0;
        Set<String> invoices = new HashSet<>();
        for (Allocation allocation : allocations) {
            id(record, "allocations.invoiceId", allocation.invoiceId());
            amount(record, "allocations.amount", allocation.amountCents());
            if (allocation.amountCents() == 0) {
                fail(record, "allocations.amount", "must be positive", "0.00");
            }
            if (!invoices.add(allocation.invoiceId())) {
                fail(record, "allocations", "name invoice " + allocation.invoiceId() + " twice", null);
            }
            sum += allocation.amountCents(); // at most maxAllocations x maxAmountCents: checked to fit a long
        }
        if (sum > paymentCents) {
            fail(record, "allocations", "add up to " + Money.toDecimal(sum) + ", more than the amount "
                    + Money.toDecimal(paymentCents), null);
        }
    }

    private void id(String record, String field, String value) {
        if (value == null || value.isBlank()) {
            fail(record, field, "is required", value == null ? null : quote(value));
        }
        optionalId(record, field, value);
    }

    /** Null is allowed; else as an id: not blank, printable, not longer than the limit. */
    private void optionalId(String record, String field, String value) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            fail(record, field, "must not be blank when given", quote(value));
        }
        if (value.length() > limits.maxIdLength()) {
            throw new ContractViolation(ReasonCode.LIMIT, record + "." + field + " has " + value.length()
                    + " characters, more than ingest.max-id-length (" + limits.maxIdLength() + "), was "
                    + quote(value));
        }
        printable(record, field, value);
    }

    private void text(String record, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                fail(record, field, "is required", value == null ? null : quote(value));
            }
            return;
        }
        if (value.length() > limits.maxTextLength()) {
            throw new ContractViolation(ReasonCode.LIMIT, record + "." + field + " has " + value.length()
                    + " characters, more than ingest.max-text-length (" + limits.maxTextLength() + "), was "
                    + quote(value));
        }
        printable(record, field, value);
    }

    /** No control characters (they break logs, keys and sort keys) and no half of a surrogate pair. */
    private static void printable(String record, String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(++i))
                    : Character.isLowSurrogate(c);
            if (Character.isISOControl(c) || lone) {
                fail(record, field, String.format("must be printable: character U+%04X at %d", (int) c, i),
                        quote(value));
            }
        }
    }

    private void amount(String record, String field, long cents) {
        if (cents < 0) {
            fail(record, field, "must not be negative", Money.toDecimal(cents));
        }
        if (cents > limits.maxAmountCents()) {
            throw new ContractViolation(ReasonCode.LIMIT, record + "." + field + " " + Money.toDecimal(cents)
                    + " is more than ingest.max-amount (" + Money.toDecimal(limits.maxAmountCents()) + ")");
        }
    }

    private static void date(String record, String field, LocalDate date) {
        if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
            fail(record, field, "must lie between " + FIRST_DATE + " and " + LAST_DATE, date);
        }
    }

    private static void days(String record, String field, int days) {
        if (days < 0 || days > MAX_DAYS) {
            fail(record, field, "must be days between 0 and " + MAX_DAYS, days);
        }
    }

    private static void currency(String record, String code) {
        if (code == null || code.isBlank()) {
            fail(record, "currency", "is required", code == null ? null : quote(code));
        }
        try {
            if (!code.equals(Currency.getInstance(code).getCurrencyCode())) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            fail(record, "currency", "must be an ISO 4217 code such as USD", quote(code));
        }
    }

    private static void ratio(String record, String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            fail(record, field, "must be between 0 and 1", value);
        }
    }

    /** A value for a reason: quoted, its control characters escaped, cut after {@value #QUOTED} characters. */
    public static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        int end = Math.min(value.length(), QUOTED);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('"');
        if (value.length() > QUOTED) {
            quoted.append(" (cut; ").append(value.length()).append(" characters)");
        }
        return quoted.toString();
    }

    private static void fail(String record, String field, String rule, Object value) {
        throw new ContractViolation(record + "." + field + " " + rule + (value == null ? "" : ", was " + value));
    }
}
