package io.arrears.ledger;

/**
 * When an open invoice next needs business time: its next aging crossing, overdue stage or follow-up check. An
 * invoice has one deadline at a time, at the earliest of them, instead of one per crossing, and it is kept in
 * step in one place, whenever the invoice is stored: an invoice paid before it falls due costs one deadline and
 * one cancellation, not nine of each.
 */
final class InvoiceSchedule {

    private final BusinessCalendar calendar;
    private final Scheduler scheduler;

    InvoiceSchedule(BusinessCalendar calendar, Scheduler scheduler) {
        this.calendar = calendar;
        this.scheduler = scheduler;
    }

    /** The invoice with its deadline moved to its next instant (none once it is closed). */
    InvoiceState synced(InvoiceState invoice) {
        long next = invoice.isOpen() ? next(invoice) : -1;
        if (next == invoice.wakeAt()) {
            return invoice;
        }
        Deadline deadline = Deadline.of(Deadline.Kind.INVOICE, invoice.invoiceId());
        if (invoice.wakeAt() >= 0) {
            scheduler.cancel(invoice.wakeAt(), deadline);
        }
        if (next >= 0) {
            scheduler.schedule(next, deadline);
        }
        return invoice.withWakeAt(next);
    }

    /** The earliest instant at which something is due for the open invoice, or -1. */
    long next(InvoiceState invoice) {
        long next = Long.MAX_VALUE;
        AgingBucket bucket = invoice.bucket().next();
        if (bucket != null) {
            next = agingAt(invoice, bucket);
        }
        for (int stage : invoice.pendingStages()) {
            next = Math.min(next, stageAt(invoice, stage, invoice.graceDays()));
        }
        if (invoice.followUpAt() >= 0) {
            next = Math.min(next, invoice.followUpAt());
        }
        return next == Long.MAX_VALUE ? -1 : next;
    }

    /** The start of the day the open amount enters {@code bucket}. */
    long agingAt(InvoiceState invoice, AgingBucket bucket) {
        return calendar.startOf(invoice.dueDate().plusDays(bucket.fromDays()));
    }

    /** The start of the day the invoice reaches overdue stage {@code stage}. */
    long stageAt(InvoiceState invoice, int stage, int graceDays) {
        return calendar.startOf(invoice.dueDate().plusDays(stage + (long) graceDays));
    }
}
