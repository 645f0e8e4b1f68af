package io.arrears.model;

/**
 * Any event of one customer's streams, so that all of them travel in one keyed stream, in one order, to the
 * customer's ledger. Exactly one of the fields is set.
 */
public record CustomerEvent(
        CustomerUpdated customer,
        InvoiceEvent invoice,
        PaymentEvent payment,
        DisputeEvent dispute,
        CollectionActivity activity,
        PolicyChange policyChange) {

    public static CustomerEvent of(CustomerUpdated customer) {
        return new CustomerEvent(customer, null, null, null, null, null);
    }

    public static CustomerEvent of(InvoiceEvent invoice) {
        return new CustomerEvent(null, invoice, null, null, null, null);
    }

    public static CustomerEvent of(PaymentEvent payment) {
        return new CustomerEvent(null, null, payment, null, null, null);
    }

    public static CustomerEvent of(DisputeEvent dispute) {
        return new CustomerEvent(null, null, null, dispute, null, null);
    }

    public static CustomerEvent of(CollectionActivity activity) {
        return new CustomerEvent(null, null, null, null, activity, null);
    }

    public static CustomerEvent of(PolicyChange change) {
        return new CustomerEvent(null, null, null, null, null, change);
    }

    /** The one event this envelope carries. */
    public CustomerScoped payload() {
        if (customer != null) {
            return customer;
        } else if (invoice != null) {
            return invoice;
        } else if (payment != null) {
            return payment;
        } else if (dispute != null) {
            return dispute;
        } else if (activity != null) {
            return activity;
        }
        return policyChange;
    }

    public String customerId() {
        return payload().customerId();
    }

    public String eventId() {
        return payload().eventId();
    }

    /** Epoch milliseconds (business time). */
    public long eventTime() {
        return payload().eventTime();
    }
}
