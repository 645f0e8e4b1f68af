package io.arrears.ledger;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.arrears.model.AlertType;
import io.arrears.model.Severity;

/**
 * DUPLICATE_INVOICE: an issued invoice with the same amount and non-empty poNumber as another invoice of the
 * customer issued within duplicateWindowDays (by issueDate), under another invoiceId, is raised on the later
 * of the two. A cancelled invoice does not count (a cancelled duplicate re-issued is the normal correction).
 * Resolved when either invoice is cancelled or credited to zero.
 */
final class DuplicateInvoiceRule {

    private final LedgerContext ledger;

    DuplicateInvoiceRule(LedgerContext ledger) {
        this.ledger = ledger;
    }

    /** Called once an invoice is issued and stored; raises for each earlier twin within the window. */
    void onIssued(InvoiceState issued, long now) {
        if (issued.poNumber() == null || issued.poNumber().isBlank()) {
            return;
        }
        String order = key(issued);
        List<String> known = new ArrayList<>(ledger.store.invoicesWithOrder(order));
        int window = ledger.policy(now).duplicateWindowDays();
        for (String otherId : known) {
            InvoiceState other = ledger.store.invoice(otherId);
            if (other == null || otherId.equals(issued.invoiceId()) || other.status() == InvoiceStatus.CANCELLED
                    || Math.abs(ChronoUnit.DAYS.between(other.issueDate(), issued.issueDate())) > window) {
                continue;
            }
            boolean issuedIsLater = !issued.issueDate().isBefore(other.issueDate());
            InvoiceState later = issuedIsLater ? issued : other;
            InvoiceState earlier = issuedIsLater ? other : issued;
            String alertId = ledger.alerts.id(AlertType.DUPLICATE_INVOICE, later.invoiceId() + "~" + earlier.invoiceId(),
                    1);
            String message = "Invoice " + later.invoiceId() + " looks like a duplicate of " + earlier.invoiceId()
                    + ": same purchase order " + later.poNumber() + " and amount "
                    + LedgerContext.money(later.totalCents(), later.currency()) + ", issued "
                    + ChronoUnit.DAYS.between(earlier.issueDate(), later.issueDate()) + " days apart.";
            if (ledger.alerts.raise(new OpenAlert(alertId, AlertType.DUPLICATE_INVOICE, Severity.WARNING,
                    later.invoiceId(), null, null, later.totalCents(), later.currency(), null, now, message), now)) {
                ledger.putInvoice(ledger.store.invoice(later.invoiceId()).withAlert(alertId));
                ledger.putInvoice(ledger.store.invoice(earlier.invoiceId()).withAlert(alertId));
            }
        }
        known.add(issued.invoiceId());
        ledger.store.putInvoicesWithOrder(order, known);
    }

    /** Whether closing an invoice this way resolves its duplicate alerts. */
    static boolean resolvesDuplicates(InvoiceStatus closedAs) {
        return closedAs == InvoiceStatus.CANCELLED || closedAs == InvoiceStatus.CREDITED;
    }

    void onPurged(InvoiceState invoice) {
        if (invoice.poNumber() == null || invoice.poNumber().isBlank()) {
            return;
        }
        List<String> known = new ArrayList<>(ledger.store.invoicesWithOrder(key(invoice)));
        known.remove(invoice.invoiceId());
        ledger.store.putInvoicesWithOrder(key(invoice), known);
    }

    private static String key(InvoiceState invoice) {
        return invoice.poNumber() + "|" + invoice.totalCents();
    }
}
