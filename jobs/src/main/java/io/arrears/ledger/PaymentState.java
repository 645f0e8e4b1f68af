package io.arrears.ledger;

import java.util.ArrayList;
import java.util.List;

import io.arrears.model.Allocation;

/**
 * One payment: its cash, what it paid, what is still unapplied, and remittance lines that name invoices not
 * known yet (their cash counts as unapplied until the invoice arrives).
 *
 * @param closedAt business time at which nothing was left unapplied or waiting, or -1
 * @param agedCheckAt when UNAPPLIED_CASH_AGED is checked, or -1
 */
public record PaymentState(
        String paymentId,
        long amountCents,
        long unappliedCents,
        String currency,
        long receivedAt,
        List<Application> applications,
        List<Allocation> waiting,
        boolean reversed,
        long closedAt,
        long agedCheckAt) {

    public boolean isSettled() {
        return unappliedCents == 0 && waiting.isEmpty();
    }

    PaymentState withApplication(String invoiceId, long cents) {
        List<Application> applied = new ArrayList<>(applications);
        applied.add(new Application(invoiceId, cents));
        return new PaymentState(paymentId, amountCents, unappliedCents - cents, currency, receivedAt, applied,
                waiting, reversed, closedAt, agedCheckAt);
    }

    PaymentState withWaiting(List<Allocation> stillWaiting) {
        return new PaymentState(paymentId, amountCents, unappliedCents, currency, receivedAt, applications,
                stillWaiting, reversed, closedAt, agedCheckAt);
    }

    PaymentState withUnapplied(long unapplied) {
        return new PaymentState(paymentId, amountCents, unapplied, currency, receivedAt, applications, waiting,
                reversed, closedAt, agedCheckAt);
    }

    PaymentState reversedNow() {
        return new PaymentState(paymentId, amountCents, 0, currency, receivedAt, List.of(), List.of(), true,
                closedAt, agedCheckAt);
    }

    PaymentState withAgedCheckAt(long at) {
        return new PaymentState(paymentId, amountCents, unappliedCents, currency, receivedAt, applications, waiting,
                reversed, closedAt, at);
    }

    PaymentState withClosedAt(long at) {
        return new PaymentState(paymentId, amountCents, unappliedCents, currency, receivedAt, applications,
                waiting, reversed, at, agedCheckAt);
    }
}
