package io.arrears.model;

/** How cash arrived. */
public enum PaymentMethod {
    ACH, WIRE, CARD, CHECK, OTHER
}
