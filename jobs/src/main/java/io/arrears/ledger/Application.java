package io.arrears.ledger;

/** Cash of a payment applied to one invoice, remembered so that a reversal can undo it. */
public record Application(String invoiceId, long amountCents) {
}
