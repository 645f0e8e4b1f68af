package io.arrears.pipeline;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import io.arrears.ledger.Deadline;
import io.arrears.ledger.DisputeState;
import io.arrears.ledger.InvoiceState;
import io.arrears.ledger.PaymentState;

/**
 * What the ledger's keyed state holds for one customer, by kind, in entries and serialized bytes (keys and
 * values as a canonical savepoint writes them, without its per-entry framing). The benchmark reads a savepoint
 * with it to say how much of the state is open business and how much is kept on purpose: closed entities for
 * {@code ledger.retention} and event ids for de-duplication. Whoever changes {@link LedgerState}'s layout changes
 * this census with it. (Events waiting for business time are operator state, not counted here.)
 */
public final class LedgerStateCensus {

    /**
     * The kinds the census tells apart: CUSTOMER is the customer's own values (master data, totals, KPI sums);
     * CUSTOMER_KPIS the flows leaving its KPI window and its measures per issue date; RETENTION_DEADLINES the
     * instants at which only closed entities leave state.
     */
    public enum Part {
        OPEN_INVOICES, CLOSED_INVOICES, OPEN_PAYMENTS, SETTLED_PAYMENTS, OPEN_DISPUTES, RESOLVED_DISPUTES,
        DEDUP_IDS, DEADLINES, RETENTION_DEADLINES, CUSTOMER, CUSTOMER_KPIS, OTHER;

        /** Kept on purpose rather than for open business: closed entities and de-duplication ids. */
        public boolean keptOnPurpose() {
            return this == CLOSED_INVOICES || this == SETTLED_PAYMENTS || this == RESOLVED_DISPUTES
                    || this == DEDUP_IDS || this == RETENTION_DEADLINES;
        }
    }

    /** Entries and bytes of one part. */
    public record Count(long entries, long bytes) {

        public Count plus(Count other) {
            return new Count(entries + other.entries, bytes + other.bytes);
        }
    }

    /** A TTL state stores the time of the last write beside each value. */
    private static final int TTL_TIMESTAMP_BYTES = Long.BYTES;

    private final LedgerState state;
    private final KpiState kpi;
    private final DataOutputSerializer buffer = new DataOutputSerializer(256);

    /** Registers the ledger's states on {@code context}, as the ledger does, so that a reader can read them. */
    public LedgerStateCensus(RuntimeContext context, Duration dedupRetention) {
        state = new LedgerState(context, dedupRetention);
        kpi = new KpiState(context, state.cache, state.cachedBook);
    }

    /** The census of the current key. */
    public Map<Part, Count> currentKey() throws Exception {
        Map<Part, Count> parts = new EnumMap<>(Part.class);
        split(parts, state.invoices, LedgerState.INVOICES, InvoiceState::isOpen, Part.OPEN_INVOICES,
                Part.CLOSED_INVOICES);
        split(parts, state.payments, LedgerState.PAYMENTS, payment -> payment.closedAt() < 0, Part.OPEN_PAYMENTS,
                Part.SETTLED_PAYMENTS);
        split(parts, state.disputes, LedgerState.DISPUTES, DisputeState::open, Part.OPEN_DISPUTES,
                Part.RESOLVED_DISPUTES);
        Count seen = map(state.seen, state.seenDescriptor, value -> true);
        add(parts, Part.DEDUP_IDS, new Count(seen.entries(), seen.bytes() + seen.entries() * TTL_TIMESTAMP_BYTES));
        split(parts, state.deadlines, LedgerState.DEADLINES, LedgerStateCensus::forOpenBusiness, Part.DEADLINES,
                Part.RETENTION_DEADLINES);
        add(parts, Part.CUSTOMER_KPIS, map(kpi.leaving, KpiState.LEAVING, value -> true));
        add(parts, Part.CUSTOMER_KPIS, map(kpi.days, KpiState.DAYS, value -> true));
        add(parts, Part.CUSTOMER, value(state.book, LedgerState.BOOK));
        add(parts, Part.OTHER, map(state.openByAmount, LedgerState.OPEN_BY_AMOUNT, value -> true));
        add(parts, Part.OTHER, map(state.openDisputesByInvoice, LedgerState.OPEN_DISPUTES_BY_INVOICE, value -> true));
        add(parts, Part.OTHER, map(state.alerts, LedgerState.ALERTS, value -> true));
        add(parts, Part.OTHER, map(state.waitingInvoiceEvents, LedgerState.WAITING_INVOICE_EVENTS, value -> true));
        add(parts, Part.OTHER, map(state.waitingPaymentEvents, LedgerState.WAITING_PAYMENT_EVENTS, value -> true));
        add(parts, Part.OTHER, map(state.paymentsWaitingFor, LedgerState.PAYMENTS_WAITING_FOR, value -> true));
        add(parts, Part.OTHER, map(state.waitingSince, LedgerState.WAITING_SINCE, value -> true));
        add(parts, Part.OTHER, map(state.promises, LedgerState.PROMISES, value -> true));
        add(parts, Part.OTHER, map(state.recoveries, LedgerState.RECOVERIES, value -> true));
        add(parts, Part.OTHER, map(state.invoicesByOrder, LedgerState.INVOICES_BY_ORDER, value -> true));
        return parts;
    }

    private static boolean forOpenBusiness(List<Deadline> atOneInstant) {
        return atOneInstant.stream().anyMatch(deadline -> switch (deadline.kind()) {
            case PURGE_INVOICE, PURGE_PAYMENT, PURGE_DISPUTE -> false;
            default -> true;
        });
    }

    private <K, V> void split(Map<Part, Count> parts, MapState<K, V> map, MapStateDescriptor<K, V> descriptor,
                              Predicate<V> first, Part firstPart, Part otherPart) throws Exception {
        add(parts, firstPart, map(map, descriptor, first));
        add(parts, otherPart, map(map, descriptor, first.negate()));
    }

    private <K, V> Count map(MapState<K, V> map, MapStateDescriptor<K, V> descriptor, Predicate<V> which)
            throws Exception {
        long entries = 0;
        long bytes = 0;
        for (Map.Entry<K, V> entry : map.entries()) {
            if (which.test(entry.getValue())) {
                entries++;
                bytes += size(descriptor.getKeySerializer(), entry.getKey())
                        + size(descriptor.getValueSerializer(), entry.getValue());
            }
        }
        return new Count(entries, bytes);
    }

    private <T> Count value(ValueState<T> value, ValueStateDescriptor<T> descriptor) throws Exception {
        T current = value.value();
        return current == null ? new Count(0, 0) : new Count(1, size(descriptor.getSerializer(), current));
    }

    private <T> long size(TypeSerializer<T> serializer, T value) throws java.io.IOException {
        buffer.clear();
        serializer.serialize(value, buffer);
        return buffer.length();
    }

    private static void add(Map<Part, Count> parts, Part part, Count count) {
        parts.merge(part, count, Count::plus);
    }
}
