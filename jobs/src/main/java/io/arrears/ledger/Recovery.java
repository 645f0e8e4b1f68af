package io.arrears.ledger;

/**
 * A reversed payment whose PAYMENT_REVERSED alert waits for the customer's later payments to reach its amount.
 */
public record Recovery(String paymentId, long amountCents, long reversedAt, long recoveredCents) {

    Recovery plus(long cents) {
        return new Recovery(paymentId, amountCents, reversedAt, recoveredCents + cents);
    }
}
