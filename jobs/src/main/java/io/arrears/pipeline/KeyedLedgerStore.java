package io.arrears.pipeline;

import java.util.ArrayList;
import java.util.List;

import io.arrears.ledger.CustomerTotals;
import io.arrears.ledger.DisputeState;
import io.arrears.ledger.InvoiceState;
import io.arrears.ledger.LedgerStore;
import io.arrears.ledger.OpenAlert;
import io.arrears.ledger.PaymentState;
import io.arrears.ledger.PromiseState;
import io.arrears.ledger.Recovery;
import io.arrears.model.AlertType;
import io.arrears.model.CustomerUpdated;
import io.arrears.model.InvoiceEvent;
import io.arrears.model.PaymentEvent;

/**
 * The domain's {@link LedgerStore} over {@link LedgerState}, for the customer that is the current key: its
 * values on the heap while it is among the recent customers, an index of open invoices by open amount and a
 * count of open disputes per invoice kept in step with what they index.
 */
final class KeyedLedgerStore implements LedgerStore {

    private final LedgerState state;

    KeyedLedgerStore(LedgerState state) {
        this.state = state;
    }

    /** The customer's own values, never null. */
    private CustomerBook book() {
        CustomerBook values = state.cachedBook.get();
        return values == null ? CustomerBook.EMPTY : values;
    }

    @Override
    public boolean firstSighting(String eventId, long now) {
        Long appliedAt = state.cachedSeen.get(eventId);
        if (appliedAt != null && now - appliedAt < state.dedupRetentionMillis) {
            return false;
        }
        state.cachedSeen.put(eventId, now);
        return true;
    }

    @Override
    public CustomerUpdated profile() {
        return book().profile();
    }

    @Override
    public void putProfile(CustomerUpdated value) {
        state.cachedBook.set(book().withProfile(value));
    }

    @Override
    public CustomerTotals totals() {
        CustomerTotals value = book().totals();
        return value == null ? CustomerTotals.EMPTY : value;
    }

    @Override
    public void putTotals(CustomerTotals value) {
        state.cachedBook.set(book().withTotals(value));
    }

    @Override
    public InvoiceState invoice(String invoiceId) {
        return state.cachedInvoices.get(invoiceId);
    }

    @Override
    public void putInvoice(InvoiceState invoice) {
        InvoiceState before = state.cachedInvoices.get(invoice.invoiceId());
        if (before != null && before.isOpen() && invoice.isOpen() && before.openCents() == invoice.openCents()) {
            state.cachedInvoices.put(invoice.invoiceId(), invoice); // still under the same open amount
            return;
        }
        unindex(before);
        state.cachedInvoices.put(invoice.invoiceId(), invoice);
        if (invoice.isOpen()) {
            state.cachedOpenByAmount.put(invoice.openCents(),
                    appended(state.cachedOpenByAmount.get(invoice.openCents()), invoice.invoiceId()));
        }
    }

    @Override
    public void removeInvoice(String invoiceId) {
        unindex(state.cachedInvoices.get(invoiceId));
        state.cachedInvoices.remove(invoiceId);
    }

    private void unindex(InvoiceState invoice) {
        if (invoice == null || !invoice.isOpen()) {
            return;
        }
        List<String> ids = state.cachedOpenByAmount.get(invoice.openCents());
        if (ids != null) {
            List<String> remaining = new ArrayList<>(ids);
            remaining.remove(invoice.invoiceId());
            if (remaining.isEmpty()) {
                state.cachedOpenByAmount.remove(invoice.openCents());
            } else {
                state.cachedOpenByAmount.put(invoice.openCents(), remaining);
            }
        }
    }

    @Override
    public List<InvoiceState> openInvoices() {
        return collect(state.cachedInvoices.values(), InvoiceState::isOpen);
    }

    @Override
    public List<InvoiceState> openInvoicesWithOpenAmount(long cents) {
        List<String> ids = state.cachedOpenByAmount.get(cents);
        List<InvoiceState> found = new ArrayList<>();
        if (ids != null) {
            for (String id : ids) {
                found.add(state.cachedInvoices.get(id));
            }
        }
        return found;
    }

    @Override
    public PaymentState payment(String paymentId) {
        return state.cachedPayments.get(paymentId);
    }

    @Override
    public void putPayment(PaymentState payment) {
        state.cachedPayments.put(payment.paymentId(), payment);
    }

    @Override
    public void removePayment(String paymentId) {
        state.cachedPayments.remove(paymentId);
    }

    @Override
    public List<PaymentState> paymentsWithUnappliedCash() {
        return collect(state.cachedPayments.values(), p -> p.unappliedCents() > 0);
    }

    @Override
    public DisputeState dispute(String disputeId) {
        return state.cachedDisputes.get(disputeId);
    }

    @Override
    public void putDispute(DisputeState dispute) {
        DisputeState before = state.cachedDisputes.get(dispute.disputeId());
        countOpenDispute(before, -1);
        state.cachedDisputes.put(dispute.disputeId(), dispute);
        countOpenDispute(dispute, 1);
    }

    @Override
    public void removeDispute(String disputeId) {
        countOpenDispute(state.cachedDisputes.get(disputeId), -1);
        state.cachedDisputes.remove(disputeId);
    }

    @Override
    public List<DisputeState> openDisputes() {
        return collect(state.cachedDisputes.values(), DisputeState::open);
    }

    private void countOpenDispute(DisputeState dispute, int delta) {
        if (dispute == null || !dispute.open()) {
            return;
        }
        Integer count = state.cachedOpenDisputes.get(dispute.invoiceId());
        int updated = (count == null ? 0 : count) + delta;
        if (updated <= 0) {
            state.cachedOpenDisputes.remove(dispute.invoiceId());
        } else {
            state.cachedOpenDisputes.put(dispute.invoiceId(), updated);
        }
    }

    @Override
    public int openDisputesOn(String invoiceId) {
        Integer count = state.cachedOpenDisputes.get(invoiceId);
        return count == null ? 0 : count;
    }

    @Override
    public OpenAlert alert(String alertId) {
        return state.cachedAlerts.get(alertId);
    }

    @Override
    public void putAlert(OpenAlert alert) {
        state.cachedAlerts.put(alert.alertId(), alert);
    }

    @Override
    public void removeAlert(String alertId) {
        state.cachedAlerts.remove(alertId);
    }

    @Override
    public Iterable<OpenAlert> openAlerts() {
        return state.cachedAlerts.values();
    }

    @Override
    public PromiseState promise(String promiseId) {
        return state.cachedPromises.get(promiseId);
    }

    @Override
    public void putPromise(PromiseState promise) {
        state.cachedPromises.put(promise.promiseId(), promise);
    }

    @Override
    public void removePromise(String promiseId) {
        state.cachedPromises.remove(promiseId);
    }

    @Override
    public Iterable<PromiseState> promises() {
        return state.cachedPromises.values();
    }

    @Override
    public Recovery recovery(String paymentId) {
        return state.cachedRecoveries.get(paymentId);
    }

    @Override
    public void putRecovery(Recovery recovery) {
        state.cachedRecoveries.put(recovery.paymentId(), recovery);
    }

    @Override
    public void removeRecovery(String paymentId) {
        state.cachedRecoveries.remove(paymentId);
    }

    @Override
    public Iterable<Recovery> recoveries() {
        return state.cachedRecoveries.values();
    }

    @Override
    public List<String> invoicesWithOrder(String purchaseOrderAndAmount) {
        return orEmpty(state.cachedInvoicesByOrder.get(purchaseOrderAndAmount));
    }

    @Override
    public void putInvoicesWithOrder(String purchaseOrderAndAmount, List<String> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            state.cachedInvoicesByOrder.remove(purchaseOrderAndAmount);
        } else {
            state.cachedInvoicesByOrder.put(purchaseOrderAndAmount, List.copyOf(invoiceIds));
        }
    }

    @Override
    public long lastAccountFollowUp() {
        return book().lastAccountFollowUp();
    }

    @Override
    public void putLastAccountFollowUp(long at) {
        state.cachedBook.set(book().withLastAccountFollowUp(at));
    }

    @Override
    public int occurrences(AlertType type) {
        CustomerBook values = book();
        return switch (type) {
            case CREDIT_LIMIT_WARNING -> values.creditWarnings();
            case CREDIT_LIMIT_EXCEEDED -> values.creditExceeded();
            default -> throw new IllegalArgumentException(type + " is not counted per customer");
        };
    }

    @Override
    public void putOccurrences(AlertType type, int count) {
        CustomerBook values = book();
        state.cachedBook.set(switch (type) {
            case CREDIT_LIMIT_WARNING -> values.withCreditAlerts(count, values.creditExceeded());
            case CREDIT_LIMIT_EXCEEDED -> values.withCreditAlerts(values.creditWarnings(), count);
            default -> throw new IllegalArgumentException(type + " is not counted per customer");
        });
    }

    @Override
    public List<InvoiceEvent> waitingInvoiceEvents(String invoiceId) {
        return orEmpty(state.cachedWaitingInvoiceEvents.get(invoiceId));
    }

    @Override
    public void addWaitingInvoiceEvent(InvoiceEvent event) {
        state.cachedWaitingInvoiceEvents.put(event.invoiceId(),
                appended(state.cachedWaitingInvoiceEvents.get(event.invoiceId()), event));
    }

    @Override
    public List<PaymentEvent> waitingPaymentEvents(String paymentId) {
        return orEmpty(state.cachedWaitingPaymentEvents.get(paymentId));
    }

    @Override
    public void addWaitingPaymentEvent(PaymentEvent event) {
        state.cachedWaitingPaymentEvents.put(event.paymentId(),
                appended(state.cachedWaitingPaymentEvents.get(event.paymentId()), event));
    }

    @Override
    public List<String> paymentsWaitingFor(String invoiceId) {
        return orEmpty(state.cachedPaymentsWaitingFor.get(invoiceId));
    }

    @Override
    public void addPaymentWaitingFor(String invoiceId, String paymentId) {
        List<String> ids = orEmpty(state.cachedPaymentsWaitingFor.get(invoiceId));
        if (!ids.contains(paymentId)) {
            state.cachedPaymentsWaitingFor.put(invoiceId, appended(ids, paymentId));
        }
    }

    @Override
    public long waitingSince(String id) {
        Long since = state.cachedWaitingSince.get(id);
        return since == null ? -1L : since;
    }

    @Override
    public void markWaitingSince(String id, long since) {
        state.cachedWaitingSince.put(id, since);
    }

    @Override
    public void clearWaiting(String id) {
        state.cachedWaitingInvoiceEvents.remove(id);
        state.cachedWaitingPaymentEvents.remove(id);
        state.cachedPaymentsWaitingFor.remove(id);
        state.cachedWaitingSince.remove(id);
    }

    @Override
    public int nextSnapshotSequence(long asOf) {
        // Packed as asOf * 1000 + sequence: one long per customer.
        long last = book().snapshotSequence();
        int next = last != Long.MIN_VALUE && last / 1000 == asOf ? (int) (last % 1000) + 1 : 0;
        state.cachedBook.set(book().withSnapshotSequence(asOf * 1000 + Math.min(next, 999)));
        return next;
    }

    /** The values that match, in the order of their keys. */
    private static <T> List<T> collect(List<T> values, java.util.function.Predicate<T> keep) {
        List<T> found = new ArrayList<>();
        for (T value : values) {
            if (keep.test(value)) {
                found.add(value);
            }
        }
        return found;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> List<T> appended(List<T> list, T item) {
        List<T> copy = list == null ? new ArrayList<>() : new ArrayList<>(list);
        copy.add(item);
        return copy;
    }
}
