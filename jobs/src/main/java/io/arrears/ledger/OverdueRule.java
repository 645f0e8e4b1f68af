package io.arrears.ledger;

import java.util.ArrayList;
import java.util.List;

import io.arrears.model.AlertType;
import io.arrears.model.CollectionPolicy;
import io.arrears.model.Severity;

/**
 * INVOICE_OVERDUE: at the start of day dueDate + stage + graceDays, for each stage of the policy, an open invoice
 * is raised at that stage. Resolved when the invoice closes.
 */
final class OverdueRule {

    private final LedgerContext ledger;

    OverdueRule(LedgerContext ledger) {
        this.ledger = ledger;
    }

    static Severity severity(int stageDays) {
        if (stageDays >= 60) {
            return Severity.CRITICAL;
        }
        return stageDays >= 30 ? Severity.WARNING : Severity.INFO;
    }

    /**
     * The stages still ahead under {@code policy} become pending; of the stages already passed, the latest not
     * yet raised is raised now (an invoice opening past due hears of the stage it is in, not of every earlier
     * one). The invoice's deadline follows when it is stored.
     */
    InvoiceState schedule(InvoiceState invoice, CollectionPolicy policy, long now) {
        List<Integer> pending = new ArrayList<>();
        Integer passed = null;
        for (int stage : policy.overdueStageDays()) {
            if (ledger.invoiceSchedule.stageAt(invoice, stage, policy.graceDays()) > now) {
                pending.add(stage);
            } else {
                passed = stage;
            }
        }
        InvoiceState scheduled = invoice.withSchedule(pending, policy.graceDays());
        return passed == null ? scheduled : raise(scheduled, passed, now);
    }

    /** Business time reached the invoice's instant: each pending stage due by now is raised. */
    InvoiceState onDeadline(InvoiceState invoice, long now) {
        InvoiceState current = invoice;
        for (int stage : invoice.pendingStages()) {
            if (current.isOpen() && ledger.invoiceSchedule.stageAt(invoice, stage, invoice.graceDays()) <= now) {
                current = raise(current.withoutPendingStage(stage), stage, now);
            }
        }
        return current;
    }

    private InvoiceState raise(InvoiceState invoice, int stage, long now) {
        String alertId = ledger.alerts.id(AlertType.INVOICE_OVERDUE, invoice.invoiceId() + ":" + stage,
                invoice.openings());
        long daysPastDue = ledger.calendar.daysPastDue(invoice.dueDate(), now);
        String message = "Invoice " + invoice.invoiceId() + " is " + daysPastDue + " day" + (daysPastDue == 1 ? "" : "s")
                + " past due (due " + invoice.dueDate() + "): " + LedgerContext.money(invoice.openCents(),
                invoice.currency()) + " open.";
        boolean raised = ledger.alerts.raise(new OpenAlert(alertId, AlertType.INVOICE_OVERDUE, severity(stage),
                invoice.invoiceId(), null, null, invoice.openCents(), invoice.currency(), stage, now, message), now);
        return raised ? invoice.withAlert(alertId) : invoice;
    }
}
