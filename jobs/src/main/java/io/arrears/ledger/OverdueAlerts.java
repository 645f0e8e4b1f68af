package io.arrears.ledger;

import io.arrears.model.AlertStatus;
import io.arrears.model.AlertType;
import io.arrears.model.CustomerUpdated;
import io.arrears.model.Money;
import io.arrears.model.Severity;

/** INVOICE_OVERDUE: its id, severity, message and transitions. */
final class OverdueAlerts {

    private OverdueAlerts() {
    }

    /** Deterministic: the same history gives the same id; a re-opened invoice's alerts are new ones. */
    static String alertId(String customerId, String invoiceId, int stage, int opening) {
        return customerId + ":" + AlertType.INVOICE_OVERDUE + ":" + invoiceId + ":" + stage + ":" + opening;
    }

    static Severity severity(int stageDays) {
        if (stageDays >= 60) {
            return Severity.CRITICAL;
        }
        return stageDays >= 30 ? Severity.WARNING : Severity.INFO;
    }

    static OpenAlert open(String alertId, InvoiceState invoice, int stage, long daysPastDue, long now) {
        String message = "Invoice " + invoice.invoiceId() + " is " + daysPastDue + " day"
                + (daysPastDue == 1 ? "" : "s") + " past due (due " + invoice.dueDate() + "): "
                + Money.format(invoice.openCents(), invoice.currency()) + " open.";
        return new OpenAlert(alertId, AlertType.INVOICE_OVERDUE, severity(stage), invoice.invoiceId(), null, null,
                invoice.openCents(), invoice.currency(), stage, now, message);
    }

    /** @param resolvedBecause null for the OPEN transition, else why it resolved */
    static AlertTransition transition(OpenAlert alert, String customerId, CustomerUpdated profile, boolean disputed,
                                      long now, String resolvedBecause) {
        boolean resolved = resolvedBecause != null;
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
