package io.arrears.kpi;

/**
 * Amounts and counts that happen at an instant and count while that instant is in the KPI window
 * (T - W days, T].
 */
public enum Flow {
    /** Changes of arTotal: arTotal minus their sum over the window is arTotal W days ago (beginAr). */
    AR_CHANGE,
    /** RECEIVED amounts, minus REVERSED and REFUNDED amounts. */
    COLLECTIONS,
    WRITE_OFFS,
    DISPUTES_RESOLVED,
    /** Sum over resolved disputes of resolved minus opened, in milliseconds. */
    DISPUTE_RESOLUTION_MILLIS,
    DISPUTES_RESOLVED_WITHIN_SLA,
    INVOICES_PAID,
    /** Sum of the totals of the paid invoices. */
    PAID_TOTAL,
    /** Sum of total x (paidDate - issueDate) in cents x days. */
    PAID_TOTAL_X_DAYS_TO_PAY,
    /** Sum of total x max(0, paidDate - dueDate). */
    PAID_TOTAL_X_DAYS_BEYOND_TERMS,
    PAID_WITHIN_TERMS,
    FOLLOW_UP_CHECKS,
    FOLLOW_UPS_MADE,
    PROMISE_CHECKS,
    PROMISES_KEPT;

    static final int COUNT = values().length;
}
