package io.arrears.ledger;

/**
 * Something that happens when business time reaches an instant, for one entity of the customer.
 *
 * @param entityId the invoice, payment, dispute or promise concerned; empty for the customer's own
 */
public record Deadline(Kind kind, String entityId) {

    /** What a deadline does. */
    public enum Kind {
        /**
         * An open invoice's next instant ({@link InvoiceSchedule}): its amount moves to the next aging bucket, it
         * reaches an overdue stage (INVOICE_OVERDUE), or its follow-up window ends (FOLLOW_UP_MISSED).
         */
        INVOICE,
        /** A closed invoice's retention ends; it leaves state. */
        PURGE_INVOICE,
        /** A settled or reversed payment's retention ends. */
        PURGE_PAYMENT,
        /** A resolved dispute's retention ends. */
        PURGE_DISPUTE,
        /** Events still waiting for an invoice that never came stop waiting. */
        PURGE_WAITING,
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
        return new Deadline(kind, entityId);
    }
}
