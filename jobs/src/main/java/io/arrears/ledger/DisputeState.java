package io.arrears.ledger;

import io.arrears.model.DisputeReason;

/** One dispute; resolved ones stay for the retention period so that late events about them are understood. */
public record DisputeState(
        String disputeId,
        String invoiceId,
        long amountCents,
        DisputeReason reasonCode,
        long openedAt,
        boolean open,
        long resolvedAt) {
}
