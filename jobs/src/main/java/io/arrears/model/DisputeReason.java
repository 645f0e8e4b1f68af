package io.arrears.model;

/** Why a customer disputes an invoice. */
public enum DisputeReason {
    PRICING, QUANTITY, DAMAGED, NOT_RECEIVED, DUPLICATE_BILLING, SERVICE, OTHER
}
