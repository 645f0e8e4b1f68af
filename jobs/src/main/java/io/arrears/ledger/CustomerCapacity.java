package io.arrears.ledger;

import io.arrears.model.CustomerEvent;
import io.arrears.model.DisputeEventType;
import io.arrears.model.InvoiceEventType;
import io.arrears.model.Money;
import io.arrears.model.PaymentEventType;

/**
 * What one customer's books can hold: each of its sums (open receivables, unapplied cash, disputed amount) stays
 * below {@link #MAX_SUM_CENTS}, so that every sum, and every alert amount taken from one, fits the contract's
 * decimal(18,2) and a long with room to spare. An event that is valid alone but would carry a sum past that is
 * refused by the ledger before it changes anything.
 */
final class CustomerCapacity {

    /** 10^15 in the customer's currency: a thousand invoices at the largest amount ingest.max-amount allows. */
    static final long MAX_SUM_CENTS = 100_000_000_000_000_000L;

    private CustomerCapacity() {
    }

    /** Why {@code event} cannot be applied to books with {@code totals}, or null when it can. */
    static String refusal(CustomerEvent event, CustomerTotals totals) {
        return switch (event.kind()) {
            case INVOICE -> event.invoice().eventType() == InvoiceEventType.ISSUED
                    || event.invoice().eventType() == InvoiceEventType.ADJUSTED
                    ? check("open receivables", totals.arTotal(), event.invoice().amountCents()) : null;
            case PAYMENT -> event.payment().eventType() == PaymentEventType.RECEIVED
                    ? check("unapplied cash", totals.unappliedCash(), event.payment().amountCents()) : null;
            case DISPUTE -> event.dispute().eventType() != DisputeEventType.RESOLVED
                    ? check("disputed amount", totals.disputedAmount(), event.dispute().amountCents()) : null;
            case CUSTOMER, ACTIVITY, POLICY_CHANGE -> null;
        };
    }

    private static String check(String sum, long held, long added) {
        return held > MAX_SUM_CENTS - added
                ? "the customer's " + sum + " of " + Money.toDecimal(held) + " plus " + Money.toDecimal(added)
                        + " would exceed what Arrears holds per customer (" + Money.toDecimal(MAX_SUM_CENTS) + ")"
                : null;
    }
}
