package io.arrears.ledger;

import java.util.List;

import io.arrears.model.DisputeReason;

/**
 * One dispute; resolved ones stay for the retention period so that late events about them are understood.
 *
 * @param atRiskAt when DISPUTE_SLA_AT_RISK is scheduled, or -1
 * @param breachAt when DISPUTE_SLA_BREACHED is scheduled, or -1
 * @param openAlertIds the dispute's SLA alerts that are OPEN
 * @param sla where it stands against its SLA while open
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
        List<String> openAlertIds,
        DisputeSla sla) {

    public DisputeState {
        sla = sla == null ? DisputeSla.WITHIN : sla;
    }

    static DisputeState opened(String disputeId, String invoiceId, long cents, DisputeReason reason, long at) {
        return new DisputeState(disputeId, invoiceId, cents, reason, at, true, -1, -1, -1, List.of(),
                DisputeSla.WITHIN);
    }

    DisputeState updated(long cents, DisputeReason reason) {
        return new DisputeState(disputeId, invoiceId, cents, reason, openedAt, open, resolvedAt, atRiskAt, breachAt,
                openAlertIds, sla);
    }

    DisputeState resolved(long at) {
        return new DisputeState(disputeId, invoiceId, amountCents, reasonCode, openedAt, false, at, -1, -1, List.of(),
                sla);
    }

    DisputeState scheduled(long atRisk, long breach, List<String> alertIds) {
        return new DisputeState(disputeId, invoiceId, amountCents, reasonCode, openedAt, open, resolvedAt, atRisk,
                breach, List.copyOf(alertIds), sla);
    }

    DisputeState standing(DisputeSla reached) {
        return new DisputeState(disputeId, invoiceId, amountCents, reasonCode, openedAt, open, resolvedAt, atRiskAt,
                breachAt, openAlertIds, sla.atLeast(reached));
    }
}
