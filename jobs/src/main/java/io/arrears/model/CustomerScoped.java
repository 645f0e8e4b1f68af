package io.arrears.model;

/** An event that belongs to one customer's history. */
public interface CustomerScoped {

    String eventId();

    String customerId();

    /** Epoch milliseconds (business time). */
    long eventTime();
}
