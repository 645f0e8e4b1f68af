package io.arrears.ledger;

import java.util.ArrayList;
import java.util.List;

import io.arrears.model.AlertStatus;
import io.arrears.model.AlertType;
import io.arrears.model.CustomerUpdated;

/**
 * The open alerts of one customer: raising and resolving them, each transition reported once. Alert ids are
 * deterministic ({@code customerId:TYPE:entity:occurrence}), so the same history gives the same ids, and an
 * alert that becomes true again after it resolved is a new occurrence with an id of its own.
 */
final class AlertBook {

    private final String customerId;
    private final LedgerStore store;
    private final LedgerOutput output;

    AlertBook(String customerId, LedgerStore store, LedgerOutput output) {
        this.customerId = customerId;
        this.store = store;
        this.output = output;
    }

    String id(AlertType type, String entity, int occurrence) {
        return customerId + ":" + type + ":" + entity + ":" + occurrence;
    }

    boolean isOpen(String alertId) {
        return store.alert(alertId) != null;
    }

    /** Raises {@code alert} unless it is open already; true if it was raised now. */
    boolean raise(OpenAlert alert, long now) {
        if (isOpen(alert.alertId())) {
            return false;
        }
        store.putAlert(alert);
        output.alert(transition(alert, now, null));
        return true;
    }

    /** Resolves the alert if it is open. */
    void resolve(String alertId, long now, String why) {
        OpenAlert alert = store.alert(alertId);
        if (alert != null) {
            store.removeAlert(alertId);
            output.alert(transition(alert, now, why));
        }
    }

    /** Open alerts of a type; for rules that resolve all of them at once, which happens rarely. */
    List<OpenAlert> open(AlertType type) {
        List<OpenAlert> found = new ArrayList<>();
        for (OpenAlert alert : store.openAlerts()) {
            if (alert.alertType() == type) {
                found.add(alert);
            }
        }
        return found;
    }

    private AlertTransition transition(OpenAlert alert, long now, String resolvedBecause) {
        boolean resolved = resolvedBecause != null;
        CustomerUpdated profile = store.profile();
        boolean disputed = alert.invoiceId() != null && store.openDisputesOn(alert.invoiceId()) > 0;
        return new AlertTransition(alert.alertId(), alert.alertType(),
                resolved ? AlertStatus.RESOLVED : AlertStatus.OPEN, alert.severity(), customerId, alert.invoiceId(),
                alert.disputeId(), alert.paymentId(),
                profile == null ? null : profile.collectorId(),
                profile == null ? null : profile.segment(),
                disputed, alert.amountCents(), alert.currency(), alert.stageDays(), now,
                resolved ? alert.message() + " Resolved: " + resolvedBecause + "." : alert.message(),
                alert.raisedAt(), resolved ? now : null);
    }
}
