package io.arrears.ledger;

import java.time.LocalDate;

/**
 * A promise to pay: what was promised, by when, and what the customer has paid since, net of reversals.
 *
 * @param promiseId the PROMISE_TO_PAY activity's eventId
 * @param checkAt when it is judged: the start of day promisedDate + promiseGraceDays + 1
 * @param broken true once judged broken (its alert is open until the payments make up for it)
 */
public record PromiseState(
        String promiseId,
        String invoiceId,
        long promisedCents,
        LocalDate promisedDate,
        long madeAt,
        long paidCents,
        long checkAt,
        boolean broken) {

    PromiseState paid(long cents) {
        return new PromiseState(promiseId, invoiceId, promisedCents, promisedDate, madeAt, paidCents + cents,
                checkAt, broken);
    }

    PromiseState rescheduled(long at) {
        return new PromiseState(promiseId, invoiceId, promisedCents, promisedDate, madeAt, paidCents, at, broken);
    }

    PromiseState brokenNow() {
        return new PromiseState(promiseId, invoiceId, promisedCents, promisedDate, madeAt, paidCents, checkAt, true);
    }

    long shortfall() {
        return Math.max(0, promisedCents - paidCents);
    }
}
