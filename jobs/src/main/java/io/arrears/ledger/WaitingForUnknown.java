package io.arrears.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.arrears.model.InvoiceEvent;
import io.arrears.model.PaymentEvent;

/**
 * Events that named an invoice or payment before it was known (a remittance for an invoice issued later, a
 * credit before the invoice): they wait for it, for at most {@code ledger.retention}, and apply when it comes.
 */
final class WaitingForUnknown {

    private final LedgerContext context;
    private final LedgerStore store;
    private final Invoices invoices;
    private final CashApplication cash;

    WaitingForUnknown(LedgerContext context, Invoices invoices, CashApplication cash) {
        this.context = context;
        this.store = context.store;
        this.invoices = invoices;
        this.cash = cash;
    }

    /** The invoice or payment {@code id} arrived: what waited for it is applied now, in event-time order. */
    void resume(String id, long now) {
        long since = store.waitingSince(id);
        if (since < 0) {
            return;
        }
        context.scheduler.cancel(since + context.retention, Deadline.of(Deadline.Kind.PURGE_WAITING, id));
        List<InvoiceEvent> invoiceEvents = new ArrayList<>(store.waitingInvoiceEvents(id));
        List<PaymentEvent> paymentEvents = new ArrayList<>(store.waitingPaymentEvents(id));
        List<String> payments = store.paymentsWaitingFor(id);
        store.clearWaiting(id);
        invoiceEvents.sort(Comparator.comparingLong(InvoiceEvent::eventTime).thenComparing(InvoiceEvent::eventId));
        paymentEvents.sort(Comparator.comparingLong(PaymentEvent::eventTime).thenComparing(PaymentEvent::eventId));
        invoiceEvents.forEach(e -> invoices.apply(e, now));
        paymentEvents.forEach(e -> cash.apply(e, now));
        for (String paymentId : payments) {
            cash.resumeAllocations(paymentId, id, now);
        }
    }

    /** Nothing came for {@code id} within the retention: waiting cash stays unapplied, waiting events lapse. */
    void stop(String id) {
        for (String paymentId : store.paymentsWaitingFor(id)) {
            cash.dropAllocations(paymentId, id);
        }
        store.clearWaiting(id);
    }
}
