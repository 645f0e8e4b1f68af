package io.arrears.model;

/** What happened to an invoice; see the event contract in docs/events.md. */
public enum InvoiceEventType {
    ISSUED, ADJUSTED, CREDITED, CANCELLED, WRITTEN_OFF
}
