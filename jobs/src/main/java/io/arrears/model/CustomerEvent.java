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

    /** What an event is about, decided in one place ({@link #kind()}); code that treats kinds switches on it. */
    public enum Kind {
        POLICY_CHANGE, CUSTOMER, INVOICE, DISPUTE, PAYMENT, ACTIVITY;

        /**
         * Events of one instant apply in this order: policy and master data first, then what they concern, so
         * that a dispute opened and a payment received at the same instant find the invoice issued then.
         */
        public int sameInstantRank() {
            return switch (this) {
                case POLICY_CHANGE -> 0;
                case CUSTOMER -> 1;
                case INVOICE -> 2;
                case DISPUTE -> 3;
                case PAYMENT -> 4;
                case ACTIVITY -> 5;
            };
        }
    }

    /** The kind of the one event this envelope carries. */
    public Kind kind() {
        if (customer != null) {
            return Kind.CUSTOMER;
        } else if (invoice != null) {
            return Kind.INVOICE;
        } else if (payment != null) {
            return Kind.PAYMENT;
        } else if (dispute != null) {
            return Kind.DISPUTE;
        } else if (activity != null) {
            return Kind.ACTIVITY;
        }
        return Kind.POLICY_CHANGE;
    }

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
        return switch (kind()) {
            case CUSTOMER -> customer;
            case INVOICE -> invoice;
            case PAYMENT -> payment;
            case DISPUTE -> dispute;
            case ACTIVITY -> activity;
            case POLICY_CHANGE -> policyChange;
        };
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
