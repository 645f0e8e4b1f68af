package io.arrears.ledger;

/**
 * A dispute as the dashboards see it, reported whenever it opens, changes, nears or breaks its SLA, or resolves.
 *
 * @param currency of the amount: the disputed invoice's, else the customer's
 * @param slaState OPEN disputes: WITHIN, AT_RISK or BREACHED (their SLA alerts); RESOLVED once resolved
 * @param asOf business time of this state
 */
public record DisputeSnapshot(String disputeId, String customerId, String invoiceId, String collectorId,
                              String segment, String reasonCode, long amountCents, String currency, long openedAt,
                              boolean open, Long resolvedAt, String slaState, long asOf) {

    /** Grows with every state of one dispute; a resolution sorts after a change at the same instant. */
    public long revision() {
        return asOf * 2 + (open ? 0 : 1);
    }
}
