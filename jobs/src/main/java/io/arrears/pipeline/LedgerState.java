package io.arrears.pipeline;

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

import io.arrears.ledger.Deadline;
import io.arrears.ledger.DisputeState;
import io.arrears.ledger.InvoiceState;
import io.arrears.ledger.OpenAlert;
import io.arrears.ledger.PaymentState;
import io.arrears.ledger.PromiseState;
import io.arrears.ledger.Recovery;
import io.arrears.model.InvoiceEvent;
import io.arrears.model.PaymentEvent;

/**
 * The keyed state of {@link LedgerFunction}, declared in one place: one entry per invoice, payment, dispute
 * and open alert, so an event rewrites only what it touches; the domain reads and writes it through
 * {@link KeyedLedgerStore}, the recent customers' state kept on the heap by {@link #cache}.
 */
final class LedgerState {

    /** The customer's own values (master data, totals, KPI sums, ...), read and written once per wake-up. */
    static final ValueStateDescriptor<CustomerBook> BOOK =
            new ValueStateDescriptor<>("customer-book", DomainTypes.of(CustomerBook.class));
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
    /** Deadlines by instant: one timer serves every deadline of the customer at that instant. */
    static final MapStateDescriptor<Long, List<Deadline>> DEADLINES =
            new MapStateDescriptor<>("deadlines", Types.LONG, new ListTypeInfo<>(DomainTypes.of(Deadline.class)));
    static final MapStateDescriptor<String, PromiseState> PROMISES =
            new MapStateDescriptor<>("promises", Types.STRING, DomainTypes.of(PromiseState.class));
    static final MapStateDescriptor<String, Recovery> RECOVERIES =
            new MapStateDescriptor<>("recoveries", Types.STRING, DomainTypes.of(Recovery.class));
    static final MapStateDescriptor<String, List<String>> INVOICES_BY_ORDER =
            new MapStateDescriptor<>("invoices-by-order", Types.STRING, new ListTypeInfo<>(Types.STRING));

    /**
     * Event ids by the business time they were applied at, for de-duplication; forgotten once the retention has
     * passed in business time. A processing-time TTL of twice the retention is only a backstop, for customers
     * that never wake up again.
     */
    static MapStateDescriptor<String, Long> seenEventIds(Duration retention) {
        MapStateDescriptor<String, Long> descriptor =
                new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.LONG);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(retention.multipliedBy(2))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        return descriptor;
    }

    final ValueState<CustomerBook> book;
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
    final MapState<Long, List<Deadline>> deadlines;
    final MapState<String, Long> seen;
    final MapStateDescriptor<String, Long> seenDescriptor;
    final long dedupRetentionMillis;
    final MapState<String, PromiseState> promises;
    final MapState<String, Recovery> recoveries;
    final MapState<String, List<String>> invoicesByOrder;

    /** The customers' values and maps on the heap (see {@link CustomerCache}). */
    final CustomerCache cache = new CustomerCache();
    final CustomerCache.Value<CustomerBook> cachedBook;
    final CachedMap<String, InvoiceState> cachedInvoices;
    final CachedMap<Long, List<String>> cachedOpenByAmount;
    final CachedMap<String, PaymentState> cachedPayments;
    final CachedMap<String, DisputeState> cachedDisputes;
    final CachedMap<String, Integer> cachedOpenDisputes;
    final CachedMap<String, OpenAlert> cachedAlerts;
    final CachedMap<Long, List<Deadline>> cachedDeadlines;
    final CachedMap<String, PromiseState> cachedPromises;
    final CachedMap<String, Recovery> cachedRecoveries;
    final CachedMap<String, List<InvoiceEvent>> cachedWaitingInvoiceEvents;
    final CachedMap<String, List<PaymentEvent>> cachedWaitingPaymentEvents;
    final CachedMap<String, List<String>> cachedPaymentsWaitingFor;
    final CachedMap<String, Long> cachedWaitingSince;
    final CachedMap<String, List<String>> cachedInvoicesByOrder;
    final CachedMap<String, Long> cachedSeen;

    LedgerState(RuntimeContext context, Duration dedupRetention) {
        book = context.getState(BOOK);
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
        deadlines = context.getMapState(DEADLINES);
        dedupRetentionMillis = dedupRetention.toMillis();
        seenDescriptor = seenEventIds(dedupRetention);
        seen = context.getMapState(seenDescriptor);
        promises = context.getMapState(PROMISES);
        recoveries = context.getMapState(RECOVERIES);
        invoicesByOrder = context.getMapState(INVOICES_BY_ORDER);
        cachedBook = cache.value(book);
        cachedInvoices = cache.map(invoices);
        cachedOpenByAmount = cache.map(openByAmount);
        cachedPayments = cache.map(payments);
        cachedDisputes = cache.map(disputes);
        cachedOpenDisputes = cache.map(openDisputesByInvoice);
        cachedAlerts = cache.map(alerts);
        cachedDeadlines = cache.map(deadlines);
        cachedPromises = cache.map(promises);
        cachedRecoveries = cache.map(recoveries);
        cachedWaitingInvoiceEvents = cache.map(waitingInvoiceEvents);
        cachedWaitingPaymentEvents = cache.map(waitingPaymentEvents);
        cachedPaymentsWaitingFor = cache.map(paymentsWaitingFor);
        cachedWaitingSince = cache.map(waitingSince);
        cachedInvoicesByOrder = cache.map(invoicesByOrder);
        cachedSeen = cache.map(seen, appliedAt -> appliedAt + dedupRetentionMillis);
    }

    /** Every per-customer state, for tests that check nothing is left behind; after {@link CustomerCache#writeBack()}. */
    Map<String, Object> nonEmptyStates() throws Exception {
        Map<String, Object> found = new java.util.TreeMap<>();
        CustomerBook values = book.value();
        if (values != null) {
            putIfPresent(found, "profile", values.profile());
            putIfPresent(found, "totals", values.totals());
            putIfPresent(found, "snapshot-sequence", values.snapshotSequence() == Long.MIN_VALUE ? null
                    : values.snapshotSequence());
            putIfPresent(found, "horizon-timer", values.horizonTimer() ? true : null);
            putIfPresent(found, "account-follow-up", values.lastAccountFollowUp() == Long.MIN_VALUE ? null
                    : values.lastAccountFollowUp());
            putIfPresent(found, "alert-occurrences", values.creditWarnings() + values.creditExceeded() == 0 ? null
                    : values.creditWarnings() + "/" + values.creditExceeded());
            putIfPresent(found, "kpi-stocks", values.kpiStocks());
            putIfPresent(found, "kpi-window-sums", values.kpiRunning());
        }
        for (Map.Entry<String, MapState<?, ?>> map : Map.<String, MapState<?, ?>>ofEntries(
                Map.entry("invoices", invoices), Map.entry("open-invoices-by-amount", openByAmount),
                Map.entry("payments", payments), Map.entry("disputes", disputes),
                Map.entry("open-disputes-by-invoice", openDisputesByInvoice), Map.entry("open-alerts", alerts),
                Map.entry("waiting-invoice-events", waitingInvoiceEvents),
                Map.entry("waiting-payment-events", waitingPaymentEvents),
                Map.entry("payments-waiting-for-invoice", paymentsWaitingFor),
                Map.entry("waiting-since", waitingSince), Map.entry("deadlines", deadlines),
                Map.entry("promises", promises),
                Map.entry("recoveries", recoveries), Map.entry("invoices-by-order", invoicesByOrder)).entrySet()) {
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
}
