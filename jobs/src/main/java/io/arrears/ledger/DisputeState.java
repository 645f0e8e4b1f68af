package io.arrears.ledger;

import java.util.List;

import io.arrears.model.DisputeReason;

/**
 * One dispute; resolved ones stay for the retention period so that late events about them are understood.
 *
 * @param atRiskAt when DISPUTE_SLA_AT_RISK is scheduled, or -1
 * @param breachAt when DISPUTE_SLA_BREACHED is scheduled, or -1
 * @param openAlertIds the dispute's SLA alerts that are OPEN
 */
public record DisputeState(
        String disputeId,
        String invoiceId,
        long amountCents,
        DisputeReason reasonCode,
        long openedAt,
        boolean open,
        long resolvedAt,
        long atRiskAt,
        long breachAt,
        List<String> openAlertIds) {

    static DisputeState opened(String disputeId, String invoiceId, long cents, DisputeReason reason, long at) {
        return new DisputeState(disputeId, invoiceId, cents, reason, at, true, -1, -1, -1, List.of());
    }

    DisputeState updated(long cents, DisputeReason reason) {
        return new DisputeState(disputeId, invoiceId, cents, reason, openedAt, open, resolvedAt, atRiskAt, breachAt,
                openAlertIds);
    }

    DisputeState resolved(long at) {
        return new DisputeState(disputeId, invoiceId, amountCents, reasonCode, openedAt, false, at, -1, -1, List.of());
    }

    DisputeState scheduled(long atRisk, long breach, List<String> alertIds) {
        return new DisputeState(disputeId, invoiceId, amountCents, reasonCode, openedAt, open, resolvedAt, atRisk,
                breach, List.copyOf(alertIds));
    }
}
