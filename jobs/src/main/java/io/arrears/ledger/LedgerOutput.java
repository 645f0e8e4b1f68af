package io.arrears.ledger;

/** Where the ledger reports what happened. */
public interface LedgerOutput {

    void alert(AlertTransition transition);

    /** A dispute's new state, for the disputes index. */
    default void dispute(DisputeSnapshot dispute) {
    }

    /** A contribution to a scope's KPIs; only when KPIs are on. */
    default void kpi(io.arrears.kpi.KpiDelta delta) {
    }
}
