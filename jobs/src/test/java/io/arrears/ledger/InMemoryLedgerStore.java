package io.arrears.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.arrears.model.AlertType;
import io.arrears.model.CustomerUpdated;
import io.arrears.model.InvoiceEvent;
import io.arrears.model.PaymentEvent;

/** One customer's ledger state in plain maps: the domain's rules without Flink. */
final class InMemoryLedgerStore implements LedgerStore {

    /** Event ids by the business time they were applied at; remembered for the job's default retention. */
    private final Map<String, Long> seen = new HashMap<>();
    private final long dedupRetention = Duration.ofDays(7).toMillis();
    private CustomerUpdated profile;
    private CustomerTotals totals = CustomerTotals.EMPTY;
    final Map<String, InvoiceState> invoices = new TreeMap<>();
    final Map<String, PaymentState> payments = new TreeMap<>();
    final Map<String, DisputeState> disputes = new TreeMap<>();
    final Map<String, OpenAlert> alerts = new TreeMap<>();
    final Map<String, PromiseState> promises = new TreeMap<>();
    final Map<String, Recovery> recoveries = new TreeMap<>();
    private final Map<String, List<String>> invoicesByOrder = new HashMap<>();
    private final Map<AlertType, Integer> occurrences = new HashMap<>();
    private final Map<String, List<InvoiceEvent>> waitingInvoiceEvents = new HashMap<>();
    private final Map<String, List<PaymentEvent>> waitingPaymentEvents = new HashMap<>();
    private final Map<String, List<String>> paymentsWaitingFor = new HashMap<>();
    final Map<String, Long> waitingSince = new HashMap<>();
    private long lastAccountFollowUp = Long.MIN_VALUE;
    private long lastSnapshot = -1;

    @Override
    public boolean firstSighting(String eventId, long now) {
        Long appliedAt = seen.get(eventId);
        if (appliedAt != null && now - appliedAt < dedupRetention) {
            return false;
        }
        seen.put(eventId, now);
        return true;
    }

    @Override
    public CustomerUpdated profile() {
        return profile;
    }

    @Override
    public void putProfile(CustomerUpdated value) {
        profile = value;
    }

    @Override
    public CustomerTotals totals() {
        return totals;
    }

    @Override
    public void putTotals(CustomerTotals value) {
        totals = value;
    }

    @Override
    public InvoiceState invoice(String invoiceId) {
        return invoices.get(invoiceId);
    }

    @Override
    public void putInvoice(InvoiceState invoice) {
        invoices.put(invoice.invoiceId(), invoice);
    }

    @Override
    public void removeInvoice(String invoiceId) {
        invoices.remove(invoiceId);
    }

    @Override
    public List<InvoiceState> openInvoices() {
        return invoices.values().stream().filter(InvoiceState::isOpen).toList();
    }

    @Override
    public List<InvoiceState> openInvoicesWithOpenAmount(long cents) {
        return openInvoices().stream().filter(invoice -> invoice.openCents() == cents).toList();
    }

    @Override
    public PaymentState payment(String paymentId) {
        return payments.get(paymentId);
    }

    @Override
    public void putPayment(PaymentState payment) {
        payments.put(payment.paymentId(), payment);
    }

    @Override
    public void removePayment(String paymentId) {
        payments.remove(paymentId);
    }

    @Override
    public List<PaymentState> paymentsWithUnappliedCash() {
        return payments.values().stream().filter(payment -> payment.unappliedCents() > 0).toList();
    }

    @Override
    public DisputeState dispute(String disputeId) {
        return disputes.get(disputeId);
    }

    @Override
    public void putDispute(DisputeState dispute) {
        disputes.put(dispute.disputeId(), dispute);
    }

    @Override
    public void removeDispute(String disputeId) {
        disputes.remove(disputeId);
    }

    @Override
    public List<DisputeState> openDisputes() {
        return disputes.values().stream().filter(DisputeState::open).toList();
    }

    @Override
    public int openDisputesOn(String invoiceId) {
        return (int) disputes.values().stream().filter(d -> d.open() && invoiceId.equals(d.invoiceId())).count();
    }

    @Override
    public OpenAlert alert(String alertId) {
        return alerts.get(alertId);
    }

    @Override
    public void putAlert(OpenAlert alert) {
        alerts.put(alert.alertId(), alert);
    }

    @Override
    public void removeAlert(String alertId) {
        alerts.remove(alertId);
    }

    @Override
    public Iterable<OpenAlert> openAlerts() {
        return new ArrayList<>(alerts.values());
    }

    @Override
    public PromiseState promise(String promiseId) {
        return promises.get(promiseId);
    }

    @Override
    public void putPromise(PromiseState promise) {
        promises.put(promise.promiseId(), promise);
    }

    @Override
    public void removePromise(String promiseId) {
        promises.remove(promiseId);
    }

    @Override
    public Iterable<PromiseState> promises() {
        return new ArrayList<>(promises.values());
    }

    @Override
    public Recovery recovery(String paymentId) {
        return recoveries.get(paymentId);
    }

    @Override
    public void putRecovery(Recovery recovery) {
        recoveries.put(recovery.paymentId(), recovery);
    }

    @Override
    public void removeRecovery(String paymentId) {
        recoveries.remove(paymentId);
    }

    @Override
    public Iterable<Recovery> recoveries() {
        return new ArrayList<>(recoveries.values());
    }

    @Override
    public List<String> invoicesWithOrder(String purchaseOrderAndAmount) {
        return invoicesByOrder.getOrDefault(purchaseOrderAndAmount, List.of());
    }

    @Override
    public void putInvoicesWithOrder(String purchaseOrderAndAmount, List<String> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            invoicesByOrder.remove(purchaseOrderAndAmount);
        } else {
            invoicesByOrder.put(purchaseOrderAndAmount, List.copyOf(invoiceIds));
        }
    }

    @Override
    public long lastAccountFollowUp() {
        return lastAccountFollowUp;
    }

    @Override
    public void putLastAccountFollowUp(long at) {
        lastAccountFollowUp = at;
    }

    @Override
    public int occurrences(AlertType type) {
        return occurrences.getOrDefault(type, 0);
    }

    @Override
    public void putOccurrences(AlertType type, int count) {
        occurrences.put(type, count);
    }

    @Override
    public List<InvoiceEvent> waitingInvoiceEvents(String invoiceId) {
        return waitingInvoiceEvents.getOrDefault(invoiceId, List.of());
    }

    @Override
    public void addWaitingInvoiceEvent(InvoiceEvent event) {
        waitingInvoiceEvents.computeIfAbsent(event.invoiceId(), id -> new ArrayList<>()).add(event);
    }

    @Override
    public List<PaymentEvent> waitingPaymentEvents(String paymentId) {
        return waitingPaymentEvents.getOrDefault(paymentId, List.of());
    }

    @Override
    public void addWaitingPaymentEvent(PaymentEvent event) {
        waitingPaymentEvents.computeIfAbsent(event.paymentId(), id -> new ArrayList<>()).add(event);
    }

    @Override
    public List<String> paymentsWaitingFor(String invoiceId) {
        return paymentsWaitingFor.getOrDefault(invoiceId, List.of());
    }

    @Override
    public void addPaymentWaitingFor(String invoiceId, String paymentId) {
        List<String> ids = paymentsWaitingFor.computeIfAbsent(invoiceId, id -> new ArrayList<>());
        if (!ids.contains(paymentId)) {
            ids.add(paymentId);
        }
    }

    @Override
    public long waitingSince(String id) {
        return waitingSince.getOrDefault(id, -1L);
    }

    @Override
    public void markWaitingSince(String id, long since) {
        waitingSince.put(id, since);
    }

    @Override
    public void clearWaiting(String id) {
        waitingInvoiceEvents.remove(id);
        waitingPaymentEvents.remove(id);
        paymentsWaitingFor.remove(id);
        waitingSince.remove(id);
    }

    @Override
    public int nextSnapshotSequence(long asOf) {
        int next = lastSnapshot / 1000 == asOf ? (int) (lastSnapshot % 1000) + 1 : 0;
        lastSnapshot = asOf * 1000 + Math.min(next, 999);
        return next;
    }
}
