package io.arrears.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.arrears.model.Allocation;
import io.arrears.model.PaymentEvent;
import io.arrears.model.PaymentEventType;
import io.arrears.model.ReversalReason;

/**
 * The customer's payments: cash received, applied to invoices by remittance or by matching amount, unapplied
 * cash, reversals and refunds (docs/ledger.md, "Cash application").
 */
final class CashApplication {

    private static final Comparator<InvoiceState> EARLIEST_DUE_FIRST =
            Comparator.comparing(InvoiceState::dueDate).thenComparing(InvoiceState::invoiceId);

    private final LedgerContext context;
    private final LedgerStore store;
    private final Books books;
    private final Invoices invoices;
    private final ReversalRule reversals;
    private final UnappliedCashRule unappliedCash;
    private final PromiseRule promises;

    CashApplication(LedgerContext context, Books books, Invoices invoices, PromiseRule promises) {
        this.context = context;
        this.store = context.store;
        this.books = books;
        this.invoices = invoices;
        this.reversals = new ReversalRule(context);
        this.unappliedCash = new UnappliedCashRule(context);
        this.promises = promises;
    }

    /**
     * Applies a payment event; one about a payment not known yet waits for it.
     *
     * @return whether a new payment was received (what waited for it can go on)
     */
    boolean apply(PaymentEvent e, long now) {
        PaymentState payment = store.payment(e.paymentId());
        if (payment == null) {
            if (e.eventType() == PaymentEventType.RECEIVED) {
                receive(e, now);
                return true;
            }
            store.addWaitingPaymentEvent(e);
            context.startWaiting(e.paymentId(), now);
            return false;
        }
        switch (e.eventType()) {
            case RECEIVED -> {
                // The same payment id received again under another event id: already counted.
            }
            case APPLIED -> {
                PaymentState applied = payment;
                for (Allocation allocation : e.allocations()) {
                    applied = allocate(applied, allocation, now);
                }
                put(applied, now);
            }
            case REVERSED -> reverse(payment, e.reversalReason(), now);
            case REFUNDED -> {
                long refund = Math.min(e.amountCents(), payment.unappliedCents());
                books.unapplied(payment.currency(), payment.unappliedCents(), payment.unappliedCents() - refund);
                put(payment.withUnapplied(payment.unappliedCents() - refund), now);
            }
        }
        return false;
    }

    /** Remittance lines of a payment that named invoice {@code invoiceId} before it was known apply now. */
    void resumeAllocations(String paymentId, String invoiceId, long now) {
        PaymentState payment = store.payment(paymentId);
        if (payment == null || payment.reversed()) {
            return;
        }
        List<Allocation> stillWaiting = new ArrayList<>();
        List<Allocation> ready = new ArrayList<>();
        for (Allocation allocation : payment.waiting()) {
            (allocation.invoiceId().equals(invoiceId) ? ready : stillWaiting).add(allocation);
        }
        PaymentState resumed = payment.withWaiting(stillWaiting);
        for (Allocation allocation : ready) {
            resumed = allocate(resumed, allocation, now);
        }
        put(resumed, now);
    }

    /** Nothing came for the invoice {@code invoiceId}: the payment's lines naming it stop waiting. */
    void dropAllocations(String paymentId, String invoiceId) {
        PaymentState payment = store.payment(paymentId);
        if (payment != null) {
            store.putPayment(payment.withWaiting(payment.waiting().stream()
                    .filter(a -> !a.invoiceId().equals(invoiceId)).toList()));
        }
    }

    /** The unapplied-cash check of a payment is due. */
    void onUnappliedCashCheck(String paymentId, long now) {
        PaymentState payment = store.payment(paymentId);
        if (payment != null) {
            store.putPayment(unappliedCash.onDeadline(payment, now));
        }
    }

    /** A new policy moves the unapplied-cash checks still ahead. */
    void onPolicyChange(long now) {
        for (PaymentState payment : store.paymentsWithUnappliedCash()) {
            store.putPayment(unappliedCash.reschedule(payment, now));
        }
    }

    /** A settled or reversed payment's retention ended: it leaves state. */
    void purge(String paymentId) {
        PaymentState payment = store.payment(paymentId);
        if (payment != null && payment.closedAt() >= 0) {
            store.removePayment(paymentId);
        }
    }

    private void receive(PaymentEvent e, long now) {
        PaymentState payment = new PaymentState(e.paymentId(), e.amountCents(), e.amountCents(), e.currency(), now,
                List.of(), List.of(), false, -1, -1);
        books.unapplied(e.currency(), 0, e.amountCents());
        reversals.onReceived(e.amountCents(), now);
        promises.onPayment(e.amountCents(), now, now);
        if (e.allocations().isEmpty()) {
            payment = autoMatch(payment, now);
        } else {
            for (Allocation allocation : e.allocations()) {
                payment = allocate(payment, allocation, now);
            }
        }
        put(unappliedCash.onReceived(payment, now), now);
    }

    /** Without remittance, cash that equals an open invoice's open amount pays the earliest due of them. */
    private PaymentState autoMatch(PaymentState payment, long now) {
        return store.openInvoicesWithOpenAmount(payment.amountCents()).stream()
                .min(EARLIEST_DUE_FIRST)
                .map(invoice -> allocate(payment, new Allocation(invoice.invoiceId(), payment.amountCents()), now))
                .orElse(payment);
    }

    /** Applies one remittance line; never more than the invoice's open amount or the payment's unapplied cash. */
    private PaymentState allocate(PaymentState payment, Allocation allocation, long now) {
        InvoiceState invoice = store.invoice(allocation.invoiceId());
        if (invoice == null) {
            List<Allocation> waiting = new ArrayList<>(payment.waiting());
            waiting.add(allocation);
            store.addPaymentWaitingFor(allocation.invoiceId(), payment.paymentId());
            context.startWaiting(allocation.invoiceId(), now);
            return payment.withWaiting(waiting);
        }
        long cents = Math.min(allocation.amountCents(), Math.min(invoice.openCents(), payment.unappliedCents()));
        if (!invoice.isOpen() || cents <= 0) {
            return payment;
        }
        books.unapplied(payment.currency(), payment.unappliedCents(), payment.unappliedCents() - cents);
        invoices.changeOpen(invoice, invoice.openCents() - cents, InvoiceStatus.PAID, now);
        return payment.withApplication(invoice.invoiceId(), cents);
    }

    private void reverse(PaymentState payment, ReversalReason reason, long now) {
        if (payment.reversed()) {
            return;
        }
        for (Application application : payment.applications()) {
            InvoiceState invoice = store.invoice(application.invoiceId());
            if (invoice == null) {
                continue; // purged long ago: nothing left to re-open
            }
            if (invoice.isOpen()) {
                invoices.changeOpen(invoice, invoice.openCents() + application.amountCents(), InvoiceStatus.PAID, now);
            } else if (invoice.status() == InvoiceStatus.PAID) {
                invoices.reopen(invoice, application.amountCents(), now);
            }
        }
        books.unapplied(payment.currency(), payment.unappliedCents(), 0);
        promises.onPayment(-payment.amountCents(), payment.receivedAt(), now);
        reversals.onReversed(payment, reason, now);
        put(payment.reversedNow(), now);
    }

    private void put(PaymentState payment, long now) {
        PaymentState checked = unappliedCash.afterChange(payment, now);
        if (checked.isSettled() && checked.closedAt() < 0) {
            store.putPayment(checked.withClosedAt(now));
            context.schedulePurge(Deadline.Kind.PURGE_PAYMENT, checked.paymentId(), now);
        } else {
            store.putPayment(checked);
        }
    }
}
