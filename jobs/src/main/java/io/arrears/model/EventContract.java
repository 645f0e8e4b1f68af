package io.arrears.model;

import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules an event must meet beyond its schema (docs/events.md, "Validation"). An event that breaks one is
 * refused as a whole with a {@link ContractViolation} naming the record, the field and the value.
 */
public final class EventContract {

    private static final int MAX_TERMS_DAYS = 3650;

    private EventContract() {
    }

    public static CustomerUpdated check(CustomerUpdated e) {
        String r = "CustomerUpdated";
        common(r, e);
        required(r, "name", e.name());
        required(r, "segment", e.segment());
        currency(r, e.currency());
        if (e.creditLimitCents() != null && e.creditLimitCents() < 0) {
            fail(r, "creditLimit", "must not be negative", Money.toDecimal(e.creditLimitCents()));
        }
        if (e.paymentTermsDays() < 0 || e.paymentTermsDays() > MAX_TERMS_DAYS) {
            fail(r, "paymentTermsDays", "must be between 0 and " + MAX_TERMS_DAYS, e.paymentTermsDays());
        }
        return e;
    }

    public static InvoiceEvent check(InvoiceEvent e) {
        String r = "InvoiceEvent";
        common(r, e);
        required(r, "invoiceId", e.invoiceId());
        currency(r, e.currency());
        notNegative(r, "amount", e.amountCents());
        if ((e.eventType() == InvoiceEventType.CREDITED || e.eventType() == InvoiceEventType.WRITTEN_OFF)
                && e.amountCents() == 0) {
            fail(r, "amount", "must be positive for " + e.eventType(), "0.00");
        }
        if (e.dueDate().isBefore(e.issueDate())) {
            fail(r, "dueDate", "must not be before issueDate " + e.issueDate(), e.dueDate());
        }
        return e;
    }

    public static PaymentEvent check(PaymentEvent e) {
        String r = "PaymentEvent";
        common(r, e);
        required(r, "paymentId", e.paymentId());
        currency(r, e.currency());
        notNegative(r, "amount", e.amountCents());
        if (e.eventType() == PaymentEventType.RECEIVED && e.amountCents() == 0) {
            fail(r, "amount", "must be positive for RECEIVED", "0.00");
        }
        if (e.eventType() == PaymentEventType.APPLIED && e.allocations().isEmpty()) {
            fail(r, "allocations", "must name at least one invoice for APPLIED", "[]");
        }
        allocations(r, e.allocations(), e.amountCents());
        return e;
    }

    public static DisputeEvent check(DisputeEvent e) {
        String r = "DisputeEvent";
        common(r, e);
        required(r, "disputeId", e.disputeId());
        required(r, "invoiceId", e.invoiceId());
        notNegative(r, "amount", e.amountCents());
        if (e.eventType() == DisputeEventType.RESOLVED && e.resolution() == null) {
            fail(r, "resolution", "is required for RESOLVED", null);
        }
        return e;
    }

    public static CollectionActivity check(CollectionActivity e) {
        String r = "CollectionActivity";
        common(r, e);
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

    public static CollectionPolicy check(CollectionPolicy p) {
        String r = "CollectionPolicy";
        required(r, "policyId", p.policyId());
        required(r, "segment", p.segment());
        List<Integer> stages = p.overdueStageDays();
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i) < 0) {
                fail(r, "overdueStageDays", "must not contain negative days", stages);
            }
            if (i > 0 && stages.get(i) <= stages.get(i - 1)) {
                fail(r, "overdueStageDays", "must be strictly ascending, without duplicates", stages);
            }
        }
        notNegative(r, "graceDays", p.graceDays());
        notNegative(r, "disputeSlaDays", p.disputeSlaDays());
        notNegative(r, "followUpSlaDays", p.followUpSlaDays());
        notNegative(r, "promiseGraceDays", p.promiseGraceDays());
        notNegative(r, "unappliedCashMaxDays", p.unappliedCashMaxDays());
        notNegative(r, "duplicateWindowDays", p.duplicateWindowDays());
        ratio(r, "disputeWarnRatio", p.disputeWarnRatio());
        ratio(r, "creditWarnUtilization", p.creditWarnUtilization());
        return p;
    }

    private static void common(String record, CustomerScoped e) {
        required(record, "eventId", e.eventId());
        required(record, "customerId", e.customerId());
    }

    private static void allocations(String record, List<Allocation> allocations, long paymentCents) {
        long sum = 0;
        Set<String> invoices = new HashSet<>();
        for (Allocation allocation : allocations) {
            required(record, "allocations.invoiceId", allocation.invoiceId());
            if (allocation.amountCents() <= 0) {
                fail(record, "allocations.amount", "must be positive", Money.toDecimal(allocation.amountCents()));
            }
            if (!invoices.add(allocation.invoiceId())) {
                fail(record, "allocations", "name invoice " + allocation.invoiceId() + " twice", null);
            }
            sum += allocation.amountCents();
        }
        if (sum > paymentCents) {
            fail(record, "allocations", "add up to " + Money.toDecimal(sum) + ", more than the amount "
                    + Money.toDecimal(paymentCents), null);
        }
    }

    private static void required(String record, String field, String value) {
        if (value == null || value.isBlank()) {
            fail(record, field, "is required", value == null ? null : "\"" + value + "\"");
        }
    }

    private static void currency(String record, String code) {
        required(record, "currency", code);
        try {
            if (!code.equals(Currency.getInstance(code).getCurrencyCode())) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            fail(record, "currency", "must be an ISO 4217 code such as USD", "\"" + code + "\"");
        }
    }

    private static void notNegative(String record, String field, long value) {
        if (value < 0) {
            fail(record, field, "must not be negative",
                    field.equals("amount") ? Money.toDecimal(value) : (Object) value);
        }
    }

    private static void ratio(String record, String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            fail(record, field, "must be between 0 and 1", value);
        }
    }

    private static void fail(String record, String field, String rule, Object value) {
        throw new ContractViolation(record + "." + field + " " + rule + (value == null ? "" : ", was " + value));
    }
}
