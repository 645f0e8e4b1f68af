package io.arrears.ledger;

import java.util.List;

import io.arrears.model.CustomerUpdated;
import io.arrears.model.InvoiceEvent;
import io.arrears.model.PaymentEvent;

/**
 * The state of one customer's ledger. The Flink job keeps it in keyed state (one entry per invoice, payment,
 * dispute); tests keep it in maps. Returned records are values: changes are written back with put.
 */
public interface LedgerStore {

    /** False if this event id was seen before (the event is a re-delivery). */
    boolean firstSighting(String eventId);

    /** The customer's current master data, or null before any arrived. */
    CustomerUpdated profile();

    void putProfile(CustomerUpdated profile);

    CustomerTotals totals();

    void putTotals(CustomerTotals totals);

    InvoiceState invoice(String invoiceId);

    void putInvoice(InvoiceState invoice);

    void removeInvoice(String invoiceId);

    /** Open invoices whose open amount is exactly {@code cents}, for matching a payment without remittance. */
    List<InvoiceState> openInvoicesWithOpenAmount(long cents);

    PaymentState payment(String paymentId);

    void putPayment(PaymentState payment);

    void removePayment(String paymentId);

    DisputeState dispute(String disputeId);

    void putDispute(DisputeState dispute);

    void removeDispute(String disputeId);

    /** How many open disputes name this invoice. */
    int openDisputesOn(String invoiceId);

    OpenAlert alert(String alertId);

    void putAlert(OpenAlert alert);

    void removeAlert(String alertId);

    /** Invoice events (other than ISSUED) and payment events that arrived before the invoice or payment. */
    List<InvoiceEvent> waitingInvoiceEvents(String invoiceId);

    void addWaitingInvoiceEvent(InvoiceEvent event);

    List<PaymentEvent> waitingPaymentEvents(String paymentId);

    void addWaitingPaymentEvent(PaymentEvent event);

    /** Payments with remittance lines naming this (not yet known) invoice. */
    List<String> paymentsWaitingFor(String invoiceId);

    void addPaymentWaitingFor(String invoiceId, String paymentId);

    /** Business time at which something first started waiting for this invoice or payment id, or -1. */
    long waitingSince(String id);

    void markWaitingSince(String id, long since);

    /** Forgets everything waiting for this invoice or payment id. */
    void clearWaiting(String id);

    /** Grows by one per snapshot at the same business time; starts at 0 again when the time moves on. */
    int nextSnapshotSequence(long asOf);
}
