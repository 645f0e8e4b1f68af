package io.arrears.ledger;

import io.arrears.model.AlertType;
import io.arrears.model.CollectionActivity;
import io.arrears.model.Severity;

/**
 * PROMISE_BROKEN: at the start of day promisedDate + promiseGraceDays + 1, a promise to pay is broken if the
 * customer's payments RECEIVED since it was made, net of reversals, are below the promised amount; the alert's
 * amount is the shortfall. Resolved when those payments reach the promised amount. A promise kept at its check,
 * or made good later, leaves state.
 */
final class PromiseRule {

    private final LedgerContext ledger;

    PromiseRule(LedgerContext ledger) {
        this.ledger = ledger;
    }

    void onPromise(CollectionActivity activity, long now) {
        PromiseState promise = new PromiseState(activity.eventId(), activity.invoiceId(),
                activity.promisedAmountCents(), activity.promisedDate(), now, 0, -1, false);
        schedule(promise, now);
    }

    private void schedule(PromiseState promise, long now) {
        long at = ledger.calendar.startOf(promise.promisedDate().plusDays(1L + ledger.policy(now).promiseGraceDays()));
        if (at > now) {
            ledger.scheduler.schedule(at, Deadline.of(Deadline.Kind.PROMISE_CHECK, promise.promiseId()));
            ledger.store.putPromise(promise.rescheduled(at));
        } else {
            judge(promise.rescheduled(-1), now);
        }
    }

    /** A new policy moves the check of promises not yet judged. */
    void reschedule(long now) {
        for (PromiseState promise : ledger.store.promises()) {
            if (promise.checkAt() >= 0) {
                ledger.scheduler.cancel(promise.checkAt(), Deadline.of(Deadline.Kind.PROMISE_CHECK, promise.promiseId()));
                schedule(promise, now);
            }
        }
    }

    void onDeadline(String promiseId, long now) {
        PromiseState promise = ledger.store.promise(promiseId);
        if (promise != null && promise.checkAt() == now) {
            judge(promise.rescheduled(-1), now);
        }
    }

    private void judge(PromiseState promise, long now) {
        ledger.kpis.promiseChecked(promise.shortfall() == 0, now);
        if (promise.shortfall() == 0) {
            ledger.store.removePromise(promise.promiseId());
            return;
        }
        String message = "The promise to pay " + LedgerContext.money(promise.promisedCents(), ledger.currency())
                + " by " + promise.promisedDate() + (promise.invoiceId() == null ? "" : " for invoice " + promise.invoiceId())
                + " was broken: " + LedgerContext.money(promise.shortfall(), ledger.currency()) + " short.";
        ledger.alerts.raise(new OpenAlert(id(promise), AlertType.PROMISE_BROKEN, Severity.WARNING, promise.invoiceId(),
                null, null, promise.shortfall(), ledger.currency(), null, now, message), now);
        ledger.store.putPromise(promise.brokenNow());
    }

    /** Cash received at {@code receivedAt} counts for every promise made at or before it. */
    void onPayment(long cents, long receivedAt, long now) {
        for (PromiseState promise : ledger.store.promises()) {
            if (receivedAt < promise.madeAt()) {
                continue;
            }
            PromiseState paid = promise.paid(cents);
            if (paid.broken() && paid.shortfall() == 0) {
                ledger.alerts.resolve(id(paid), now, "the promised amount has been paid");
                ledger.store.removePromise(paid.promiseId());
            } else {
                ledger.store.putPromise(paid);
            }
        }
    }

    private String id(PromiseState promise) {
        return ledger.alerts.id(AlertType.PROMISE_BROKEN, promise.promiseId(), 1);
    }
}
