package io.arrears.ledger;

import io.arrears.model.AlertType;
import io.arrears.model.ReversalReason;
import io.arrears.model.Severity;

/**
 * PAYMENT_REVERSED: raised when a payment is reversed, with its amount; CRITICAL for NSF and CHARGEBACK, else
 * WARNING. Resolved when the customer's later RECEIVED payments reach that amount.
 */
final class ReversalRule {

    private final LedgerContext ledger;

    ReversalRule(LedgerContext ledger) {
        this.ledger = ledger;
    }

    void onReversed(PaymentState payment, ReversalReason reason, long now) {
        boolean critical = reason == ReversalReason.NSF || reason == ReversalReason.CHARGEBACK;
        String message = "Payment " + payment.paymentId() + " of " + LedgerContext.money(payment.amountCents(),
                payment.currency()) + " was reversed" + (reason == null ? "" : " (" + reason + ")")
                + ": what it paid is open again.";
        String alertId = ledger.alerts.id(AlertType.PAYMENT_REVERSED, payment.paymentId(), 1);
        if (ledger.alerts.raise(new OpenAlert(alertId, AlertType.PAYMENT_REVERSED,
                critical ? Severity.CRITICAL : Severity.WARNING, null, null, payment.paymentId(), payment.amountCents(),
                payment.currency(), null, now, message), now)) {
            ledger.store.putRecovery(new Recovery(payment.paymentId(), payment.amountCents(), now, 0));
        }
    }

    void onReceived(long cents, long now) {
        for (Recovery recovery : ledger.store.recoveries()) {
            Recovery more = recovery.plus(cents);
            if (more.recoveredCents() >= more.amountCents()) {
                ledger.alerts.resolve(ledger.alerts.id(AlertType.PAYMENT_REVERSED, more.paymentId(), 1), now,
                        "later payments made up for it");
                ledger.store.removeRecovery(more.paymentId());
            } else {
                ledger.store.putRecovery(more);
            }
        }
    }
}
