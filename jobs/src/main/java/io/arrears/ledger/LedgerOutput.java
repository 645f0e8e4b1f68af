package io.arrears.ledger;

/** Where the ledger reports what happened. */
public interface LedgerOutput {

    void alert(AlertTransition transition);

    /** A dispute's new state, for the disputes index. */
    default void dispute(DisputeSnapshot dispute) {
    }

    /**
     * An event valid alone that the ledger cannot apply in its context (a sum it would carry past what the books
     * hold): nothing of it was applied; it belongs on the dead-letter output with the reason.
     */
    default void refused(io.arrears.model.CustomerEvent event, String reason) {
    }

    /** A contribution to a scope's KPIs; only when KPIs are on. */
    default void kpi(io.arrears.kpi.KpiDelta delta) {
    }
}
