package io.arrears.ledger;

/**
 * Something that happens when business time reaches an instant, for one entity of the customer.
 *
 * @param entityId the invoice, payment or dispute concerned
 * @param stage the overdue stage in days (OVERDUE_STAGE), the bucket entered (AGING), else 0
 */
public record Deadline(Kind kind, String entityId, int stage) {

    /** What a deadline does. */
    public enum Kind {
        /** An open invoice reaches an overdue stage: INVOICE_OVERDUE. */
        OVERDUE_STAGE,
        /** An open invoice's amount moves to the next aging bucket. */
        AGING,
        /** A closed invoice's retention ends; it leaves state. */
        PURGE_INVOICE,
        /** A settled or reversed payment's retention ends. */
        PURGE_PAYMENT,
        /** A resolved dispute's retention ends. */
        PURGE_DISPUTE,
        /** Events still waiting for an invoice that never came stop waiting. */
        PURGE_WAITING,
        /** An open invoice's follow-up window ends: FOLLOW_UP_MISSED unless someone followed up. */
        FOLLOW_UP_CHECK,
        /** An open dispute reaches the warning share of its SLA: DISPUTE_SLA_AT_RISK. */
        DISPUTE_AT_RISK,
        /** An open dispute reaches its SLA: DISPUTE_SLA_BREACHED. */
        DISPUTE_BREACH,
        /** A promise to pay is judged: PROMISE_BROKEN unless paid. */
        PROMISE_CHECK,
        /** A payment's cash has stayed unapplied too long: UNAPPLIED_CASH_AGED. */
        UNAPPLIED_CASH_CHECK,
        /** Flows of the customer's KPIs leave the window. */
        KPI_WINDOW,
        /** Issue dates of the customer's KPIs stop mattering to any formula. */
        KPI_DAYS
    }

    public static Deadline of(Kind kind, String entityId) {
        return new Deadline(kind, entityId, 0);
    }

    public static Deadline overdue(String invoiceId, int stageDays) {
        return new Deadline(Kind.OVERDUE_STAGE, invoiceId, stageDays);
    }

    public static Deadline aging(String invoiceId, AgingBucket entered) {
        return new Deadline(Kind.AGING, invoiceId, entered.ordinal());
    }
}
