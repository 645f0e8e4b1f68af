package io.arrears.ledger;

import io.arrears.model.ActivityType;
import io.arrears.model.AlertType;
import io.arrears.model.CollectionActivity;
import io.arrears.model.Severity;

/**
 * FOLLOW_UP_MISSED: at the start of day dueDate + 1 + followUpSlaDays, an invoice still open and not disputed
 * is raised if no collection activity other than a NOTE, from the start of day dueDate + 1 up to that instant,
 * named it or (without invoiceId) its customer. Resolved by the next such activity, or when the invoice closes.
 */
final class FollowUpRule {

    private final LedgerContext ledger;

    FollowUpRule(LedgerContext ledger) {
        this.ledger = ledger;
    }

    /** The check is due at the end of the follow-up window, if that is still ahead; the invoice's deadline follows. */
    InvoiceState schedule(InvoiceState invoice, long now) {
        long at = checkAt(invoice, ledger.policy(now).followUpSlaDays());
        return invoice.withFollowUpAt(at > now ? at : -1);
    }

    /** A check still ahead moves with a new policy; one the new policy puts at or before now happens now. */
    InvoiceState reschedule(InvoiceState invoice, long now) {
        if (invoice.followUpAt() < 0) {
            return invoice;
        }
        long at = checkAt(invoice, ledger.policy(now).followUpSlaDays());
        if (at > now) {
            return invoice.withFollowUpAt(at);
        }
        return check(invoice.withFollowUpAt(-1), now);
    }

    /** Business time reached the invoice's instant: the check happens if it is due by now. */
    InvoiceState onDeadline(InvoiceState invoice, long now) {
        return invoice.followUpAt() >= 0 && invoice.followUpAt() <= now
                ? check(invoice.withFollowUpAt(-1), now) : invoice;
    }

    private InvoiceState check(InvoiceState invoice, long now) {
        long windowStart = ledger.calendar.startOf(invoice.dueDate().plusDays(1));
        boolean followedUp = Math.max(invoice.lastFollowUpAt(), ledger.store.lastAccountFollowUp()) >= windowStart;
        if (!invoice.isOpen() || ledger.store.openDisputesOn(invoice.invoiceId()) > 0) {
            return invoice;
        }
        ledger.kpis.followUpChecked(followedUp, now);
        if (followedUp) {
            return invoice;
        }
        String alertId = ledger.alerts.id(AlertType.FOLLOW_UP_MISSED, invoice.invoiceId(), invoice.openings());
        String message = "Nobody followed up on invoice " + invoice.invoiceId() + " since it fell due on "
                + invoice.dueDate() + ": " + LedgerContext.money(invoice.openCents(), invoice.currency()) + " open.";
        boolean raised = ledger.alerts.raise(new OpenAlert(alertId, AlertType.FOLLOW_UP_MISSED, Severity.WARNING,
                invoice.invoiceId(), null, null, invoice.openCents(), invoice.currency(), null, now, message), now);
        return raised ? invoice.withAlert(alertId) : invoice;
    }

    void onActivity(CollectionActivity activity, long now) {
        if (activity.activityType() == ActivityType.NOTE) {
            return;
        }
        if (activity.invoiceId() == null) {
            ledger.store.putLastAccountFollowUp(Math.max(ledger.store.lastAccountFollowUp(), now));
            for (OpenAlert missed : ledger.alerts.open(AlertType.FOLLOW_UP_MISSED)) {
                resolve(missed.alertId(), missed.invoiceId(), now);
            }
            return;
        }
        InvoiceState invoice = ledger.store.invoice(activity.invoiceId());
        if (invoice != null) {
            String alertId = ledger.alerts.id(AlertType.FOLLOW_UP_MISSED, invoice.invoiceId(), invoice.openings());
            ledger.putInvoice(invoice.followedUpAt(now));
            resolve(alertId, invoice.invoiceId(), now);
        }
    }

    private void resolve(String alertId, String invoiceId, long now) {
        if (ledger.alerts.isOpen(alertId)) {
            ledger.alerts.resolve(alertId, now, "a collector followed up");
            InvoiceState invoice = ledger.store.invoice(invoiceId);
            if (invoice != null) {
                ledger.putInvoice(invoice.withoutAlert(alertId));
            }
        }
    }

    private long checkAt(InvoiceState invoice, int slaDays) {
        return ledger.calendar.startOf(invoice.dueDate().plusDays(1L + slaDays));
    }
}
