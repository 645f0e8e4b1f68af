package io.arrears.pipeline;

import static io.arrears.pipeline.StateAccess.call;
import static io.arrears.pipeline.StateAccess.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;

import io.arrears.model.CustomerUpdated;
import io.arrears.ledger.CustomerTotals;
import io.arrears.ledger.Deadline;
import io.arrears.ledger.DisputeState;
import io.arrears.ledger.InvoiceState;
import io.arrears.ledger.LedgerStore;
import io.arrears.ledger.OpenAlert;
import io.arrears.ledger.PaymentState;
import io.arrears.ledger.PromiseState;
import io.arrears.ledger.Recovery;
import io.arrears.model.CustomerEvent;
import io.arrears.model.InvoiceEvent;
import io.arrears.model.PaymentEvent;

/**
 * The keyed state of {@link LedgerFunction}, declared in one place: one entry per invoice, payment, dispute
 * and open alert, so an event rewrites only what it touches. Implements the domain's {@link LedgerStore} for
 * the customer that is the current key.
 */
final class LedgerState implements LedgerStore {

    static final ValueStateDescriptor<CustomerUpdated> PROFILE =
            new ValueStateDescriptor<>("profile", DomainTypes.of(CustomerUpdated.class));
    static final ValueStateDescriptor<CustomerTotals> TOTALS =
            new ValueStateDescriptor<>("totals", DomainTypes.of(CustomerTotals.class));
    static final MapStateDescriptor<String, InvoiceState> INVOICES =
            new MapStateDescriptor<>("invoices", Types.STRING, DomainTypes.of(InvoiceState.class));
    static final MapStateDescriptor<Long, List<String>> OPEN_BY_AMOUNT =
            new MapStateDescriptor<>("open-invoices-by-amount", Types.LONG, new ListTypeInfo<>(Types.STRING));
    static final MapStateDescriptor<String, PaymentState> PAYMENTS =
            new MapStateDescriptor<>("payments", Types.STRING, DomainTypes.of(PaymentState.class));
    static final MapStateDescriptor<String, DisputeState> DISPUTES =
            new MapStateDescriptor<>("disputes", Types.STRING, DomainTypes.of(DisputeState.class));
    static final MapStateDescriptor<String, Integer> OPEN_DISPUTES_BY_INVOICE =
            new MapStateDescriptor<>("open-disputes-by-invoice", Types.STRING, Types.INT);
    static final MapStateDescriptor<String, OpenAlert> ALERTS =
            new MapStateDescriptor<>("open-alerts", Types.STRING, DomainTypes.of(OpenAlert.class));
    static final MapStateDescriptor<String, List<InvoiceEvent>> WAITING_INVOICE_EVENTS =
            new MapStateDescriptor<>("waiting-invoice-events", Types.STRING,
                    new ListTypeInfo<>(DomainTypes.of(InvoiceEvent.class)));
    static final MapStateDescriptor<String, List<PaymentEvent>> WAITING_PAYMENT_EVENTS =
            new MapStateDescriptor<>("waiting-payment-events", Types.STRING,
                    new ListTypeInfo<>(DomainTypes.of(PaymentEvent.class)));
    static final MapStateDescriptor<String, List<String>> PAYMENTS_WAITING_FOR =
            new MapStateDescriptor<>("payments-waiting-for-invoice", Types.STRING, new ListTypeInfo<>(Types.STRING));
    static final MapStateDescriptor<String, Long> WAITING_SINCE =
            new MapStateDescriptor<>("waiting-since", Types.STRING, Types.LONG);
    static final ValueStateDescriptor<Long> SNAPSHOT_SEQUENCE =
            new ValueStateDescriptor<>("snapshot-sequence", Types.LONG);
    /** Deadlines by instant: one timer serves every deadline of the customer at that instant. */
    static final MapStateDescriptor<Long, List<Deadline>> DEADLINES =
            new MapStateDescriptor<>("deadlines", Types.LONG, new ListTypeInfo<>(DomainTypes.of(Deadline.class)));
    /** Events waiting for business time to reach them, so they apply in event-time order. */
    static final MapStateDescriptor<Long, List<CustomerEvent>> BUFFER =
            new MapStateDescriptor<>("event-buffer", Types.LONG, new ListTypeInfo<>(DomainTypes.of(CustomerEvent.class)));
    static final ValueStateDescriptor<Boolean> HORIZON_TIMER =
            new ValueStateDescriptor<>("horizon-timer", Types.BOOLEAN);
    static final MapStateDescriptor<String, PromiseState> PROMISES =
            new MapStateDescriptor<>("promises", Types.STRING, DomainTypes.of(PromiseState.class));
    static final MapStateDescriptor<String, Recovery> RECOVERIES =
            new MapStateDescriptor<>("recoveries", Types.STRING, DomainTypes.of(Recovery.class));
    static final MapStateDescriptor<String, List<String>> INVOICES_BY_ORDER =
            new MapStateDescriptor<>("invoices-by-order", Types.STRING, new ListTypeInfo<>(Types.STRING));
    static final ValueStateDescriptor<Long> ACCOUNT_FOLLOW_UP =
            new ValueStateDescriptor<>("account-follow-up", Types.LONG);
    static final MapStateDescriptor<String, Integer> OCCURRENCES =
            new MapStateDescriptor<>("alert-occurrences", Types.STRING, Types.INT);

    /** Event ids seen, for de-duplication; bounded by TTL, since ids of all history cannot be kept. */
    static MapStateDescriptor<String, Boolean> seenEventIds(Duration retention) {
        MapStateDescriptor<String, Boolean> descriptor =
                new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(retention)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        return descriptor;
    }

    final ValueState<CustomerUpdated> profile;
    final ValueState<CustomerTotals> totals;
    final MapState<String, InvoiceState> invoices;
    final MapState<Long, List<String>> openByAmount;
    final MapState<String, PaymentState> payments;
    final MapState<String, DisputeState> disputes;
    final MapState<String, Integer> openDisputesByInvoice;
    final MapState<String, OpenAlert> alerts;
    final MapState<String, List<InvoiceEvent>> waitingInvoiceEvents;
    final MapState<String, List<PaymentEvent>> waitingPaymentEvents;
    final MapState<String, List<String>> paymentsWaitingFor;
    final MapState<String, Long> waitingSince;
    final ValueState<Long> snapshotSequence;
    final MapState<Long, List<Deadline>> deadlines;
    final MapState<Long, List<CustomerEvent>> buffer;
    final ValueState<Boolean> horizonTimer;
    final MapState<String, Boolean> seen;
    final MapStateDescriptor<String, Boolean> seenDescriptor;
    final MapState<String, PromiseState> promises;
    final MapState<String, Recovery> recoveries;
    final MapState<String, List<String>> invoicesByOrder;
    final ValueState<Long> accountFollowUp;
    final MapState<String, Integer> occurrences;

    /** What one wake-up of a key reads and writes: {@link LedgerFunction} begins and ends it. */
    final WakeUpCache cache = new WakeUpCache();
    private final WakeUpCache.Value<CustomerUpdated> cachedProfile;
    private final WakeUpCache.Value<CustomerTotals> cachedTotals;
    private final WakeUpCache.Value<Long> cachedSequence;
    private final WakeUpCache.Value<Long> cachedAccountFollowUp;
    final WakeUpCache.Value<Boolean> cachedHorizonTimer;
    private final WakeUpCache.Entries<String, InvoiceState> cachedInvoices;
    private final WakeUpCache.Entries<Long, List<String>> cachedOpenByAmount;
    private final WakeUpCache.Entries<String, PaymentState> cachedPayments;
    private final WakeUpCache.Entries<String, DisputeState> cachedDisputes;
    private final WakeUpCache.Entries<String, Integer> cachedOpenDisputes;
    private final WakeUpCache.Entries<String, OpenAlert> cachedAlerts;
    private final WakeUpCache.Entries<String, Integer> cachedOccurrences;
    private final WakeUpCache.Entries<String, Boolean> cachedSeen;
    final WakeUpCache.Entries<Long, List<Deadline>> cachedDeadlines;
    final WakeUpCache.Entries<Long, List<CustomerEvent>> cachedBuffer;

    LedgerState(RuntimeContext context, Duration dedupRetention) {
        profile = context.getState(PROFILE);
        totals = context.getState(TOTALS);
        invoices = context.getMapState(INVOICES);
        openByAmount = context.getMapState(OPEN_BY_AMOUNT);
        payments = context.getMapState(PAYMENTS);
        disputes = context.getMapState(DISPUTES);
        openDisputesByInvoice = context.getMapState(OPEN_DISPUTES_BY_INVOICE);
        alerts = context.getMapState(ALERTS);
        waitingInvoiceEvents = context.getMapState(WAITING_INVOICE_EVENTS);
        waitingPaymentEvents = context.getMapState(WAITING_PAYMENT_EVENTS);
        paymentsWaitingFor = context.getMapState(PAYMENTS_WAITING_FOR);
        waitingSince = context.getMapState(WAITING_SINCE);
        snapshotSequence = context.getState(SNAPSHOT_SEQUENCE);
        deadlines = context.getMapState(DEADLINES);
        buffer = context.getMapState(BUFFER);
        horizonTimer = context.getState(HORIZON_TIMER);
        seenDescriptor = seenEventIds(dedupRetention);
        seen = context.getMapState(seenDescriptor);
        promises = context.getMapState(PROMISES);
        recoveries = context.getMapState(RECOVERIES);
        invoicesByOrder = context.getMapState(INVOICES_BY_ORDER);
        accountFollowUp = context.getState(ACCOUNT_FOLLOW_UP);
        occurrences = context.getMapState(OCCURRENCES);
        cachedProfile = cache.value(profile);
        cachedTotals = cache.value(totals);
        cachedSequence = cache.value(snapshotSequence);
        cachedAccountFollowUp = cache.value(accountFollowUp);
        cachedHorizonTimer = cache.value(horizonTimer);
        cachedInvoices = cache.map(invoices);
        cachedOpenByAmount = cache.map(openByAmount);
        cachedPayments = cache.map(payments);
        cachedDisputes = cache.map(disputes);
        cachedOpenDisputes = cache.map(openDisputesByInvoice);
        cachedAlerts = cache.map(alerts);
        cachedOccurrences = cache.map(occurrences);
        cachedSeen = cache.map(seen);
        cachedDeadlines = cache.map(deadlines);
        cachedBuffer = cache.map(buffer);
    }

    @Override
    public boolean firstSighting(String eventId) {
        if (cachedSeen.contains(eventId)) {
            return false;
        }
        cachedSeen.put(eventId, Boolean.TRUE);
        return true;
    }

    @Override
    public CustomerUpdated profile() {
        return cachedProfile.get();
    }

    @Override
    public void putProfile(CustomerUpdated value) {
        cachedProfile.set(value);
    }

    @Override
    public CustomerTotals totals() {
        CustomerTotals value = cachedTotals.get();
        return value == null ? CustomerTotals.EMPTY : value;
    }

    @Override
    public void putTotals(CustomerTotals value) {
        cachedTotals.set(value);
    }

    @Override
    public InvoiceState invoice(String invoiceId) {
        return cachedInvoices.get(invoiceId);
    }

    @Override
    public void putInvoice(InvoiceState invoice) {
        InvoiceState before = cachedInvoices.get(invoice.invoiceId());
        if (before != null && before.isOpen() && invoice.isOpen() && before.openCents() == invoice.openCents()) {
            cachedInvoices.put(invoice.invoiceId(), invoice); // still under the same open amount
            return;
        }
        unindex(before);
        cachedInvoices.put(invoice.invoiceId(), invoice);
        if (invoice.isOpen()) {
            cachedOpenByAmount.put(invoice.openCents(),
                    appended(cachedOpenByAmount.get(invoice.openCents()), invoice.invoiceId()));
        }
    }

    @Override
    public void removeInvoice(String invoiceId) {
        unindex(cachedInvoices.get(invoiceId));
        cachedInvoices.remove(invoiceId);
    }

    private void unindex(InvoiceState invoice) {
        if (invoice == null || !invoice.isOpen()) {
            return;
        }
        List<String> ids = cachedOpenByAmount.get(invoice.openCents());
        if (ids != null) {
            List<String> remaining = new ArrayList<>(ids);
            remaining.remove(invoice.invoiceId());
            if (remaining.isEmpty()) {
                cachedOpenByAmount.remove(invoice.openCents());
            } else {
                cachedOpenByAmount.put(invoice.openCents(), remaining);
            }
        }
    }

    @Override
    public List<InvoiceState> openInvoices() {
        return call(() -> collect(invoices.values(), InvoiceState::isOpen));
    }

    @Override
    public List<InvoiceState> openInvoicesWithOpenAmount(long cents) {
        List<String> ids = cachedOpenByAmount.get(cents);
        List<InvoiceState> found = new ArrayList<>();
        if (ids != null) {
            for (String id : ids) {
                found.add(cachedInvoices.get(id));
            }
        }
        return found;
    }

    @Override
    public PaymentState payment(String paymentId) {
        return cachedPayments.get(paymentId);
    }

    @Override
    public void putPayment(PaymentState payment) {
        cachedPayments.put(payment.paymentId(), payment);
    }

    @Override
    public void removePayment(String paymentId) {
        cachedPayments.remove(paymentId);
    }

    @Override
    public List<PaymentState> paymentsWithUnappliedCash() {
        return call(() -> collect(payments.values(), p -> p.unappliedCents() > 0));
    }

    @Override
    public DisputeState dispute(String disputeId) {
        return cachedDisputes.get(disputeId);
    }

    @Override
    public void putDispute(DisputeState dispute) {
        DisputeState before = cachedDisputes.get(dispute.disputeId());
        countOpenDispute(before, -1);
        cachedDisputes.put(dispute.disputeId(), dispute);
        countOpenDispute(dispute, 1);
    }

    @Override
    public void removeDispute(String disputeId) {
        countOpenDispute(cachedDisputes.get(disputeId), -1);
        cachedDisputes.remove(disputeId);
    }

    @Override
    public List<DisputeState> openDisputes() {
        return call(() -> collect(disputes.values(), DisputeState::open));
    }

    private void countOpenDispute(DisputeState dispute, int delta) {
        if (dispute == null || !dispute.open()) {
            return;
        }
        Integer count = cachedOpenDisputes.get(dispute.invoiceId());
        int updated = (count == null ? 0 : count) + delta;
        if (updated <= 0) {
            cachedOpenDisputes.remove(dispute.invoiceId());
        } else {
            cachedOpenDisputes.put(dispute.invoiceId(), updated);
        }
    }

    @Override
    public int openDisputesOn(String invoiceId) {
        Integer count = cachedOpenDisputes.get(invoiceId);
        return count == null ? 0 : count;
    }

    @Override
    public OpenAlert alert(String alertId) {
        return cachedAlerts.get(alertId);
    }

    @Override
    public void putAlert(OpenAlert alert) {
        cachedAlerts.put(alert.alertId(), alert);
    }

    @Override
    public void removeAlert(String alertId) {
        cachedAlerts.remove(alertId);
    }

    @Override
    public Iterable<OpenAlert> openAlerts() {
        return call(() -> collect(alerts.values(), alert -> true));
    }

    @Override
    public PromiseState promise(String promiseId) {
        return call(() -> promises.get(promiseId));
    }

    @Override
    public void putPromise(PromiseState promise) {
        run(() -> promises.put(promise.promiseId(), promise));
    }

    @Override
    public void removePromise(String promiseId) {
        run(() -> promises.remove(promiseId));
    }

    @Override
    public Iterable<PromiseState> promises() {
        return call(() -> collect(promises.values(), promise -> true));
    }

    @Override
    public Recovery recovery(String paymentId) {
        return call(() -> recoveries.get(paymentId));
    }

    @Override
    public void putRecovery(Recovery recovery) {
        run(() -> recoveries.put(recovery.paymentId(), recovery));
    }

    @Override
    public void removeRecovery(String paymentId) {
        run(() -> recoveries.remove(paymentId));
    }

    @Override
    public Iterable<Recovery> recoveries() {
        return call(() -> collect(recoveries.values(), recovery -> true));
    }

    @Override
    public List<String> invoicesWithOrder(String purchaseOrderAndAmount) {
        return call(() -> orEmpty(invoicesByOrder.get(purchaseOrderAndAmount)));
    }

    @Override
    public void putInvoicesWithOrder(String purchaseOrderAndAmount, List<String> invoiceIds) {
        run(() -> {
            if (invoiceIds.isEmpty()) {
                invoicesByOrder.remove(purchaseOrderAndAmount);
            } else {
                invoicesByOrder.put(purchaseOrderAndAmount, List.copyOf(invoiceIds));
            }
        });
    }

    @Override
    public long lastAccountFollowUp() {
        Long at = cachedAccountFollowUp.get();
        return at == null ? Long.MIN_VALUE : at;
    }

    @Override
    public void putLastAccountFollowUp(long at) {
        cachedAccountFollowUp.set(at);
    }

    @Override
    public int occurrences(String condition) {
        Integer count = cachedOccurrences.get(condition);
        return count == null ? 0 : count;
    }

    @Override
    public void putOccurrences(String condition, int count) {
        cachedOccurrences.put(condition, count);
    }

    @Override
    public List<InvoiceEvent> waitingInvoiceEvents(String invoiceId) {
        return call(() -> orEmpty(waitingInvoiceEvents.get(invoiceId)));
    }

    @Override
    public void addWaitingInvoiceEvent(InvoiceEvent event) {
        run(() -> waitingInvoiceEvents.put(event.invoiceId(),
                appended(waitingInvoiceEvents.get(event.invoiceId()), event)));
    }

    @Override
    public List<PaymentEvent> waitingPaymentEvents(String paymentId) {
        return call(() -> orEmpty(waitingPaymentEvents.get(paymentId)));
    }

    @Override
    public void addWaitingPaymentEvent(PaymentEvent event) {
        run(() -> waitingPaymentEvents.put(event.paymentId(),
                appended(waitingPaymentEvents.get(event.paymentId()), event)));
    }

    @Override
    public List<String> paymentsWaitingFor(String invoiceId) {
        return call(() -> orEmpty(paymentsWaitingFor.get(invoiceId)));
    }

    @Override
    public void addPaymentWaitingFor(String invoiceId, String paymentId) {
        run(() -> {
            List<String> ids = orEmpty(paymentsWaitingFor.get(invoiceId));
            if (!ids.contains(paymentId)) {
                paymentsWaitingFor.put(invoiceId, appended(ids, paymentId));
            }
        });
    }

    @Override
    public long waitingSince(String id) {
        return call(() -> {
            Long since = waitingSince.get(id);
            return since == null ? -1L : since;
        });
    }

    @Override
    public void markWaitingSince(String id, long since) {
        run(() -> waitingSince.put(id, since));
    }

    @Override
    public void clearWaiting(String id) {
        run(() -> {
            waitingInvoiceEvents.remove(id);
            waitingPaymentEvents.remove(id);
            paymentsWaitingFor.remove(id);
            waitingSince.remove(id);
        });
    }

    @Override
    public int nextSnapshotSequence(long asOf) {
        // Packed as asOf * 1000 + sequence: one long per customer.
        Long last = cachedSequence.get();
        int next = last != null && last / 1000 == asOf ? (int) (last % 1000) + 1 : 0;
        cachedSequence.set(asOf * 1000 + Math.min(next, 999));
        return next;
    }

    /** Every per-customer state, for tests that check nothing is left behind. */
    Map<String, Object> nonEmptyStates() throws Exception {
        Map<String, Object> found = new java.util.TreeMap<>();
        putIfPresent(found, "profile", profile.value());
        putIfPresent(found, "totals", totals.value());
        putIfPresent(found, "snapshot-sequence", snapshotSequence.value());
        putIfPresent(found, "horizon-timer", horizonTimer.value());
        putIfPresent(found, "account-follow-up", accountFollowUp.value());
        for (Map.Entry<String, MapState<?, ?>> map : Map.<String, MapState<?, ?>>ofEntries(
                Map.entry("invoices", invoices), Map.entry("open-invoices-by-amount", openByAmount),
                Map.entry("payments", payments), Map.entry("disputes", disputes),
                Map.entry("open-disputes-by-invoice", openDisputesByInvoice), Map.entry("open-alerts", alerts),
                Map.entry("waiting-invoice-events", waitingInvoiceEvents),
                Map.entry("waiting-payment-events", waitingPaymentEvents),
                Map.entry("payments-waiting-for-invoice", paymentsWaitingFor),
                Map.entry("waiting-since", waitingSince), Map.entry("deadlines", deadlines),
                Map.entry("event-buffer", buffer), Map.entry("promises", promises),
                Map.entry("recoveries", recoveries), Map.entry("invoices-by-order", invoicesByOrder),
                Map.entry("alert-occurrences", occurrences)).entrySet()) {
            if (!map.getValue().isEmpty()) {
                List<Object> keys = new ArrayList<>();
                map.getValue().keys().forEach(keys::add);
                found.put(map.getKey(), keys);
            }
        }
        return found;
    }

    private static void putIfPresent(Map<String, Object> found, String name, Object value) {
        if (value != null) {
            found.put(name, value);
        }
    }

    /** Copies matching values out, so that callers may change the map while they walk the result. */
    private static <T> List<T> collect(Iterable<T> values, java.util.function.Predicate<T> keep) {
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
