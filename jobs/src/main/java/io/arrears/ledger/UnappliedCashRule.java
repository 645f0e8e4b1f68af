package io.arrears.ledger;

import io.arrears.model.AlertType;
import io.arrears.model.Severity;

/**
 * UNAPPLIED_CASH_AGED: a payment that still has unapplied cash at receipt + unappliedCashMaxDays days (an exact
 * duration) is raised with what is unapplied. Resolved once nothing of it is left unapplied (applied,
 * refunded) or it is reversed.
 */
final class UnappliedCashRule {

    private final LedgerContext ledger;

    UnappliedCashRule(LedgerContext ledger) {
        this.ledger = ledger;
    }

    /** After receipt: schedules the check if cash is left unapplied. */
    PaymentState onReceived(PaymentState payment, long now) {
        if (payment.unappliedCents() == 0) {
            return payment;
        }
        return schedule(payment, now);
    }

    private PaymentState schedule(PaymentState payment, long now) {
        long at = payment.receivedAt() + ledger.policy(now).unappliedCashMaxDays() * LedgerContext.DAY;
        if (at > now) {
            ledger.scheduler.schedule(at, Deadline.of(Deadline.Kind.UNAPPLIED_CASH_CHECK, payment.paymentId()));
            return payment.withAgedCheckAt(at);
        }
        raise(payment, now);
        return payment.withAgedCheckAt(-1);
    }

    /** A new policy moves a pending check. */
    PaymentState reschedule(PaymentState payment, long now) {
        if (payment.agedCheckAt() < 0) {
            return payment;
        }
        ledger.scheduler.cancel(payment.agedCheckAt(),
                Deadline.of(Deadline.Kind.UNAPPLIED_CASH_CHECK, payment.paymentId()));
        return schedule(payment.withAgedCheckAt(-1), now);
    }

    PaymentState onDeadline(PaymentState payment, long now) {
        if (payment.agedCheckAt() != now) {
            return payment;
        }
        if (payment.unappliedCents() > 0 && !payment.reversed()) {
            raise(payment, now);
        }
        return payment.withAgedCheckAt(-1);
    }

    /** After any change: nothing left unapplied, or reversed, ends the check and the alert. */
    PaymentState afterChange(PaymentState payment, long now) {
        if (payment.unappliedCents() > 0 && !payment.reversed()) {
            return payment;
        }
        if (payment.agedCheckAt() >= 0) {
            ledger.scheduler.cancel(payment.agedCheckAt(),
                    Deadline.of(Deadline.Kind.UNAPPLIED_CASH_CHECK, payment.paymentId()));
        }
        ledger.alerts.resolve(id(payment), now, payment.reversed() ? "the payment was reversed"
                : "the cash was applied or refunded");
        return payment.withAgedCheckAt(-1);
    }

    private void raise(PaymentState payment, long now) {
        String message = LedgerContext.money(payment.unappliedCents(), payment.currency()) + " of payment "
                + payment.paymentId() + " is still unapplied " + ledger.policy(now).unappliedCashMaxDays()
                + " days after it was received.";
        ledger.alerts.raise(new OpenAlert(id(payment), AlertType.UNAPPLIED_CASH_AGED, Severity.WARNING, null, null,
                payment.paymentId(), payment.unappliedCents(), payment.currency(), null, now, message), now);
    }

    private String id(PaymentState payment) {
        return ledger.alerts.id(AlertType.UNAPPLIED_CASH_AGED, payment.paymentId(), 1);
    }
}
