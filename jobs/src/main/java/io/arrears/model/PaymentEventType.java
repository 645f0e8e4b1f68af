package io.arrears.model;

/** What happened to a payment; see the event contract in docs/events.md. */
public enum PaymentEventType {
    RECEIVED, APPLIED, REVERSED, REFUNDED
}
