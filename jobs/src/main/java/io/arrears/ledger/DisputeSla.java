package io.arrears.ledger;

/** Where an open dispute stands against its SLA (docs/alerts.md): its SLA alerts raised so far. */
public enum DisputeSla {
    WITHIN, AT_RISK, BREACHED;

    /** The later of two standings: a dispute never goes back from breached to at risk. */
    DisputeSla atLeast(DisputeSla other) {
        return rank(other) > rank(this) ? other : this;
    }

    private static int rank(DisputeSla sla) {
        return switch (sla) {
            case WITHIN -> 0;
            case AT_RISK -> 1;
            case BREACHED -> 2;
        };
    }
}
