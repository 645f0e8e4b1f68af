package io.arrears.ledger;

import java.util.ArrayList;
import java.util.List;

import io.arrears.model.AlertType;
import io.arrears.model.CollectionPolicy;
import io.arrears.model.Severity;

/**
 * DISPUTE_SLA_AT_RISK at openedAt + disputeWarnRatio x disputeSlaDays and DISPUTE_SLA_BREACHED at openedAt +
 * disputeSlaDays (exact durations, not calendar days), while the dispute is open. Resolved when it is resolved.
 */
final class DisputeSlaRule {

    private final LedgerContext ledger;

    DisputeSlaRule(LedgerContext ledger) {
        this.ledger = ledger;
    }

    /** Schedules (or, for deadlines at or before {@code now}, raises) the dispute's SLA alerts. */
    DisputeState schedule(DisputeState dispute, long now) {
        CollectionPolicy policy = ledger.policy(now);
        long breach = dispute.openedAt() + policy.disputeSlaDays() * LedgerContext.DAY;
        long atRisk = dispute.openedAt() + Math.round(policy.disputeWarnRatio() * policy.disputeSlaDays()
                * LedgerContext.DAY);
        List<String> raised = new ArrayList<>(dispute.openAlertIds());
        long atRiskAt = due(dispute, atRisk, now, AlertType.DISPUTE_SLA_AT_RISK, raised);
        long breachAt = due(dispute, breach, now, AlertType.DISPUTE_SLA_BREACHED, raised);
        DisputeSla reached = raised.contains(id(dispute, AlertType.DISPUTE_SLA_BREACHED)) ? DisputeSla.BREACHED
                : raised.contains(id(dispute, AlertType.DISPUTE_SLA_AT_RISK)) ? DisputeSla.AT_RISK : DisputeSla.WITHIN;
        return dispute.scheduled(atRiskAt, breachAt, raised).standing(reached);
    }

    /** A new policy moves what is still pending; what it puts at or before now fires now. */
    DisputeState reschedule(DisputeState dispute, long now) {
        cancel(dispute);
        return schedule(dispute.scheduled(-1, -1, dispute.openAlertIds()), now);
    }

    private long due(DisputeState dispute, long at, long now, AlertType type, List<String> raised) {
        String alertId = id(dispute, type);
        if (raised.contains(alertId)) {
            return -1;
        }
        if (at > now) {
            ledger.scheduler.schedule(at, Deadline.of(kind(type), dispute.disputeId()));
            return at;
        }
        raise(dispute, type, now);
        raised.add(alertId);
        return -1;
    }

    DisputeState onDeadline(DisputeState dispute, AlertType type, long now) {
        if (!dispute.open()) {
            return dispute;
        }
        raise(dispute, type, now);
        List<String> raised = new ArrayList<>(dispute.openAlertIds());
        raised.add(id(dispute, type));
        return dispute.scheduled(type == AlertType.DISPUTE_SLA_AT_RISK ? -1 : dispute.atRiskAt(),
                type == AlertType.DISPUTE_SLA_BREACHED ? -1 : dispute.breachAt(), raised)
                .standing(type == AlertType.DISPUTE_SLA_BREACHED ? DisputeSla.BREACHED : DisputeSla.AT_RISK);
    }

    void onResolved(DisputeState dispute, long now) {
        boolean breached = dispute.openAlertIds().contains(id(dispute, AlertType.DISPUTE_SLA_BREACHED));
        if (breached) {
            ledger.kpis.disputePastSla(-1);
        }
        ledger.kpis.disputeResolved(dispute.openedAt(), !breached, now);
        cancel(dispute);
        for (String alertId : dispute.openAlertIds()) {
            ledger.alerts.resolve(alertId, now, "the dispute was resolved");
        }
    }

    private void cancel(DisputeState dispute) {
        if (dispute.atRiskAt() >= 0) {
            ledger.scheduler.cancel(dispute.atRiskAt(), Deadline.of(Deadline.Kind.DISPUTE_AT_RISK, dispute.disputeId()));
        }
        if (dispute.breachAt() >= 0) {
            ledger.scheduler.cancel(dispute.breachAt(), Deadline.of(Deadline.Kind.DISPUTE_BREACH, dispute.disputeId()));
        }
    }

    private void raise(DisputeState dispute, AlertType type, long now) {
        boolean breached = type == AlertType.DISPUTE_SLA_BREACHED;
        if (breached) {
            ledger.kpis.disputePastSla(1);
        }
        String message = "Dispute " + dispute.disputeId() + " on invoice " + dispute.invoiceId() + " ("
                + dispute.reasonCode() + ", " + LedgerContext.money(dispute.amountCents(), ledger.currency()) + ") "
                + (breached ? "has broken its SLA" : "is close to breaking its SLA") + ": open since "
                + java.time.Instant.ofEpochMilli(dispute.openedAt()) + ".";
        ledger.alerts.raise(new OpenAlert(id(dispute, type), type, breached ? Severity.CRITICAL : Severity.WARNING,
                dispute.invoiceId(), dispute.disputeId(), null, dispute.amountCents(), ledger.currency(), null, now,
                message), now);
    }

    private String id(DisputeState dispute, AlertType type) {
        return ledger.alerts.id(type, dispute.disputeId(), 1);
    }

    private static Deadline.Kind kind(AlertType type) {
        return type == AlertType.DISPUTE_SLA_AT_RISK ? Deadline.Kind.DISPUTE_AT_RISK : Deadline.Kind.DISPUTE_BREACH;
    }
}
