package io.arrears.model;

/** The part of a payment assigned to one invoice, in cents. */
public record Allocation(String invoiceId, long amountCents) {
}
