package io.arrears.ledger;

import java.util.List;

import io.arrears.model.AlertType;
import io.arrears.model.CustomerUpdated;
import io.arrears.model.InvoiceEvent;
import io.arrears.model.PaymentEvent;

/**
 * The state of one customer's ledger. The Flink job keeps it in keyed state (one entry per invoice, payment,
 * dispute); tests keep it in maps. Returned records are values: changes are written back with put.
 */
public interface LedgerStore {

    /**
     * False if an event with this id was applied less than the store's dedup retention of business time before
     * {@code now} (the event is a re-delivery); else the id is remembered as applied now.
     */
    boolean firstSighting(String eventId, long now);

    /** The customer's current master data, or null before any arrived. */
    CustomerUpdated profile();

    void putProfile(CustomerUpdated profile);

    CustomerTotals totals();

    void putTotals(CustomerTotals totals);

    InvoiceState invoice(String invoiceId);

    void putInvoice(InvoiceState invoice);

    void removeInvoice(String invoiceId);

    /** Open invoices, for the rare moments that concern all of them (a new policy). */
    List<InvoiceState> openInvoices();

    /** Open invoices whose open amount is exactly {@code cents}, for matching a payment without remittance. */
    List<InvoiceState> openInvoicesWithOpenAmount(long cents);

    PaymentState payment(String paymentId);

    void putPayment(PaymentState payment);

    void removePayment(String paymentId);

    /** Payments with cash still unapplied, for the rare moments that concern all of them (a new policy). */
    List<PaymentState> paymentsWithUnappliedCash();

    DisputeState dispute(String disputeId);

    void putDispute(DisputeState dispute);

    void removeDispute(String disputeId);

    /** Open disputes, for the rare moments that concern all of them (a new policy). */
    List<DisputeState> openDisputes();

    /** How many open disputes name this invoice. */
    int openDisputesOn(String invoiceId);

    OpenAlert alert(String alertId);

    void putAlert(OpenAlert alert);

    void removeAlert(String alertId);

    /** Every open alert of the customer. */
    Iterable<OpenAlert> openAlerts();

    /** Promises to pay not yet kept or broken and resolved. */
    PromiseState promise(String promiseId);

    void putPromise(PromiseState promise);

    void removePromise(String promiseId);

    Iterable<PromiseState> promises();

    /** Reversed payments waiting for the customer's later payments to make up for them. */
    Recovery recovery(String paymentId);

    void putRecovery(Recovery recovery);

    void removeRecovery(String paymentId);

    Iterable<Recovery> recoveries();

    /** Invoices issued with this purchase order and amount, for finding duplicates. */
    List<String> invoicesWithOrder(String purchaseOrderAndAmount);

    void putInvoicesWithOrder(String purchaseOrderAndAmount, List<String> invoiceIds);

    /** Business time of the latest follow-up activity about the whole account, or Long.MIN_VALUE. */
    long lastAccountFollowUp();

    void putLastAccountFollowUp(long at);

    /** How often a customer-level alert (CREDIT_LIMIT_WARNING, CREDIT_LIMIT_EXCEEDED) has been raised. */
    int occurrences(AlertType type);

    void putOccurrences(AlertType type, int count);

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
