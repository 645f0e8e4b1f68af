package io.arrears.kpi;

/**
 * Amounts and counts that stand at a value at every instant (in reporting-currency cents, or a count). The
 * first five are the aging buckets, in the order of {@link io.arrears.ledger.AgingBucket}; arTotal is their sum.
 */
public enum Stock {
    AR_CURRENT, AR_1_TO_30, AR_31_TO_60, AR_61_TO_90, AR_OVER_90,
    UNAPPLIED_CASH, OPEN_DISPUTES, DISPUTED_AMOUNT,
    /** Open disputes whose DISPUTE_SLA_BREACHED has fired. */
    DISPUTES_PAST_SLA;

    static final int COUNT = values().length;
}
