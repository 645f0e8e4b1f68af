package io.arrears.ledger;

import java.util.ArrayList;
import java.util.List;

import io.arrears.model.AlertType;
import io.arrears.model.InvoiceEvent;
import io.arrears.model.InvoiceEventType;

/**
 * The customer's invoices: issued, adjusted, credited, paid, cancelled, written off and re-opened, their open
 * amounts in the books, aging, and the alerts that closing them ends (docs/ledger.md).
 */
final class Invoices {

    private final LedgerContext context;
    private final LedgerStore store;
    private final Books books;
    private final KpiRecorder kpis;
    private final OverdueRule overdue;
    private final FollowUpRule followUp;
    private final DuplicateInvoiceRule duplicates;

    Invoices(LedgerContext context, Books books, FollowUpRule followUp) {
        this.context = context;
        this.store = context.store;
        this.books = books;
        this.kpis = context.kpis;
        this.overdue = new OverdueRule(context);
        this.followUp = followUp;
        this.duplicates = new DuplicateInvoiceRule(context);
    }

    /**
     * Applies an invoice event; one about an invoice not known yet waits for it.
     *
     * @return whether a new invoice was issued (what waited for it can go on)
     */
    boolean apply(InvoiceEvent e, long now) {
        InvoiceState invoice = store.invoice(e.invoiceId());
        if (invoice == null) {
            if (e.eventType() == InvoiceEventType.ISSUED) {
                issue(e, now);
                return true;
            }
            store.addWaitingInvoiceEvent(e);
            context.startWaiting(e.invoiceId(), now);
            return false;
        }
        switch (e.eventType()) {
            case ISSUED, ADJUSTED -> adjust(invoice, e.amountCents(), now);
            case CREDITED -> credit(invoice, e.amountCents(), now);
            case CANCELLED -> close(invoice, InvoiceStatus.CANCELLED, now);
            case WRITTEN_OFF -> close(invoice, InvoiceStatus.WRITTEN_OFF, now);
        }
        return false;
    }

    /**
     * Business time reached an open invoice's instant: in this order, what is due by now of its aging crossing,
     * overdue stages and follow-up check.
     */
    void wake(String invoiceId, long now) {
        InvoiceState invoice = store.invoice(invoiceId);
        if (invoice == null || !invoice.isOpen()) {
            return;
        }
        AgingBucket next = invoice.bucket().next();
        if (next != null && context.invoiceSchedule.agingAt(invoice, next) <= now) {
            books.ages(invoice.currency(), invoice.bucket(), next, invoice.openCents(), now);
            invoice = invoice.inBucket(next);
        }
        context.putInvoice(followUp.onDeadline(overdue.onDeadline(invoice.withWakeAt(-1), now), now));
    }

    /**
     * A new policy version is in force from now: stages and checks still ahead are computed again under it, and
     * one it puts at or before now happens now. Overdue stages already raised stay raised.
     */
    void onPolicyChange(long now) {
        for (InvoiceState invoice : store.openInvoices()) {
            InvoiceState rescheduled = overdue.schedule(invoice.withSchedule(List.of(), invoice.graceDays()),
                    context.policy(now), now);
            context.putInvoice(followUp.reschedule(rescheduled, now));
        }
    }

    /** A closed invoice's retention ended: it leaves state. */
    void purge(String invoiceId) {
        InvoiceState invoice = store.invoice(invoiceId);
        if (invoice != null && !invoice.isOpen()) {
            duplicates.onPurged(invoice);
            store.removeInvoice(invoiceId);
        }
    }

    /** Sets an open invoice's open amount; at zero it closes as {@code closedAs}. */
    void changeOpen(InvoiceState invoice, long open, InvoiceStatus closedAs, long now) {
        books.openAmount(invoice.currency(), invoice.bucket(), invoice.openCents(), open, 0, now);
        InvoiceState changed = invoice.withOpen(open);
        if (open == 0) {
            // Closing subtracts the open amount, which is zero now: the invoice count is what changes.
            close(changed, closedAs, now);
        } else {
            context.putInvoice(changed);
        }
    }

    /** A paid invoice opens again by {@code amount} (a reversed payment, an upward adjustment). */
    void reopen(InvoiceState invoice, long amount, long now) {
        kpis.paid(invoice, -1, now);
        context.scheduler.cancel(invoice.closedAt() + context.retention,
                Deadline.of(Deadline.Kind.PURGE_INVOICE, invoice.invoiceId()));
        open(invoice.reopened(amount), now);
    }

    private void issue(InvoiceEvent e, long now) {
        InvoiceState invoice = new InvoiceState(e.invoiceId(), e.amountCents(), e.amountCents(), e.currency(),
                e.issueDate(), e.dueDate(), e.poNumber(), InvoiceStatus.OPEN, AgingBucket.CURRENT, List.of(), 0,
                -1, 1, List.of(), -1, Long.MIN_VALUE, -1);
        kpis.sales(e.issueDate(), e.currency(), 0, e.amountCents(), 1);
        if (invoice.openCents() == 0) {
            context.putInvoice(invoice.closed(InvoiceStatus.CREDITED, now, List.of()));
            context.schedulePurge(Deadline.Kind.PURGE_INVOICE, e.invoiceId(), now);
        } else {
            open(invoice, now);
        }
        duplicates.onIssued(store.invoice(e.invoiceId()), now);
    }

    /** Counts an open invoice in the books and schedules what is ahead of it: aging, overdue stages, follow-up. */
    private void open(InvoiceState invoice, long now) {
        AgingBucket bucket = AgingBucket.of(context.calendar.daysPastDue(invoice.dueDate(), now));
        books.openAmount(invoice.currency(), bucket, 0, invoice.openCents(), 1, now);
        InvoiceState scheduled = overdue.schedule(invoice.inBucket(bucket), context.policy(now), now);
        context.putInvoice(followUp.schedule(scheduled, now));
    }

    /** Takes an invoice out of the books, ends its deadline and resolves the alerts closing ends. */
    private void close(InvoiceState invoice, InvoiceStatus how, long now) {
        if (!invoice.isOpen()) {
            if (how == InvoiceStatus.CANCELLED && invoice.status() != InvoiceStatus.CANCELLED) {
                if (invoice.status() == InvoiceStatus.PAID) {
                    kpis.paid(invoice, -1, now);
                }
                kpis.sales(invoice.issueDate(), invoice.currency(), invoice.totalCents(), 0, -1);
                List<String> stillOpen = resolveOnClose(invoice, how, now);
                context.putInvoice(invoice.closed(how, invoice.closedAt(), stillOpen));
            }
            return;
        }
        books.openAmount(invoice.currency(), invoice.bucket(), invoice.openCents(), 0, -1, now);
        if (how == InvoiceStatus.CANCELLED) {
            kpis.sales(invoice.issueDate(), invoice.currency(), invoice.totalCents(), 0, -1);
        }
        List<String> stillOpen = resolveOnClose(invoice, how, now);
        InvoiceState closed = invoice.closed(how, now, stillOpen);
        context.putInvoice(closed);
        if (how == InvoiceStatus.PAID) {
            kpis.paid(closed, 1, now);
        }
        context.schedulePurge(Deadline.Kind.PURGE_INVOICE, invoice.invoiceId(), now);
    }

    /** Resolves the invoice's alerts that closing this way ends; returns the ids of those that stay open. */
    private List<String> resolveOnClose(InvoiceState invoice, InvoiceStatus how, long now) {
        List<String> stillOpen = new ArrayList<>();
        for (String alertId : invoice.openAlertIds()) {
            OpenAlert alert = store.alert(alertId);
            if (alert == null) {
                continue;
            }
            if (alert.alertType() == AlertType.DUPLICATE_INVOICE && !DuplicateInvoiceRule.resolvesDuplicates(how)) {
                stillOpen.add(alertId);
            } else {
                context.alerts.resolve(alertId, now, "invoice " + invoice.invoiceId() + " " + how.description());
            }
        }
        return stillOpen;
    }

    private void adjust(InvoiceState invoice, long newTotal, long now) {
        long delta = newTotal - invoice.totalCents();
        if (invoice.status() != InvoiceStatus.CANCELLED) {
            kpis.sales(invoice.issueDate(), invoice.currency(), invoice.totalCents(), newTotal, 0);
        }
        if (invoice.isOpen()) {
            long open = Math.max(0, invoice.openCents() + delta);
            changeOpen(invoice.withTotalAndOpen(newTotal, invoice.openCents()), open, InvoiceStatus.CREDITED, now);
        } else if (invoice.status() == InvoiceStatus.PAID && delta > 0) {
            reopen(invoice.withTotalAndOpen(newTotal, 0), delta, now);
        } else {
            InvoiceState adjusted = invoice.withTotalAndOpen(newTotal, invoice.openCents());
            if (invoice.status() == InvoiceStatus.PAID) {
                kpis.paid(invoice, -1, now);
                kpis.paid(adjusted, 1, now);
            }
            context.putInvoice(adjusted);
        }
    }

    private void credit(InvoiceState invoice, long credit, long now) {
        if (invoice.isOpen()) {
            changeOpen(invoice, invoice.openCents() - Math.min(credit, invoice.openCents()), InvoiceStatus.CREDITED,
                    now);
        }
    }
}
