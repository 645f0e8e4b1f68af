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
     * Schedules the stages still ahead under {@code policy}; of the stages already passed, the latest not yet
     * raised is raised now (an invoice opening past due hears of the stage it is in, not of every earlier one).
     */
    InvoiceState schedule(InvoiceState invoice, CollectionPolicy policy, long now) {
        List<Integer> pending = new ArrayList<>();
        Integer passed = null;
        for (int stage : policy.overdueStageDays()) {
            long at = at(invoice, stage, policy.graceDays());
            if (at > now) {
                pending.add(stage);
                ledger.scheduler.schedule(at, Deadline.overdue(invoice.invoiceId(), stage));
            } else {
                passed = stage;
            }
        }
        InvoiceState scheduled = invoice.withSchedule(pending, policy.graceDays());
        return passed == null ? scheduled : raise(scheduled, passed, now);
    }

    void cancel(InvoiceState invoice) {
        for (int stage : invoice.pendingStages()) {
            ledger.scheduler.cancel(at(invoice, stage, invoice.graceDays()), Deadline.overdue(invoice.invoiceId(), stage));
        }
    }

    InvoiceState onDeadline(InvoiceState invoice, int stage, long now) {
        if (!invoice.isOpen() || !invoice.pendingStages().contains(stage)) {
            return invoice;
        }
        return raise(invoice.withoutPendingStage(stage), stage, now);
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

    private long at(InvoiceState invoice, int stage, int graceDays) {
        return ledger.calendar.startOf(invoice.dueDate().plusDays(stage + (long) graceDays));
    }
}
