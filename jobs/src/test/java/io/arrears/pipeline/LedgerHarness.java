package io.arrears.pipeline;

import static io.arrears.testing.Events.at;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

import io.arrears.kpi.KpiSettings;
import io.arrears.ledger.AlertTransition;
import io.arrears.ledger.BusinessCalendar;
import io.arrears.ledger.CustomerSnapshot;
import io.arrears.ledger.DisputeSnapshot;
import io.arrears.model.AlertType;
import io.arrears.model.CollectionPolicy;
import io.arrears.model.CustomerEvent;
import io.arrears.model.PolicyChange;

/** The ledger function in Flink's operator test harness, driven by events, policies and watermarks. */
final class LedgerHarness implements AutoCloseable {

    static final Duration RETENTION = Duration.ofDays(30);
    /** Fewer than most tests' customers, so that customers leave the heap and are read back. */
    static final int CACHED_CUSTOMERS = 2;

    final LedgerFunction function;
    final KeyedBroadcastOperatorTestHarness<String, CustomerEvent, CollectionPolicy, AlertTransition> harness;

    LedgerHarness() throws Exception {
        this(null);
    }

    /** @param restored a snapshot of an earlier harness to start from, or null */
    LedgerHarness(OperatorSubtaskState restored) throws Exception {
        this(restored, null);
    }

    /** @param kpis KPI settings, or null for a ledger without KPIs */
    LedgerHarness(OperatorSubtaskState restored, KpiSettings kpis) throws Exception {
        this(restored, kpis, CACHED_CUSTOMERS);
    }

    /** @param cachedCustomers how many customers the ledger keeps on the heap */
    LedgerHarness(OperatorSubtaskState restored, KpiSettings kpis, int cachedCustomers) throws Exception {
        function = new LedgerFunction(new CollectionsSettings(BusinessCalendar.utc(), RETENTION, Duration.ofDays(7),
                Duration.ofSeconds(1), kpis, Long.MAX_VALUE, cachedCustomers));
        harness = new KeyedBroadcastOperatorTestHarness<>(new LedgerOperator(function),
                CustomerEvent::customerId, Types.STRING, 1, 1, 0);
        harness.setup();
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
    }

    /** A checkpoint's snapshot: as a task does, the operator is told of the barrier before it is taken. */
    OperatorSubtaskState snapshot() throws Exception {
        harness.prepareSnapshotPreBarrier(1);
        return harness.snapshot(1, 1);
    }

    /** A policy version reaches the ledger's book; {@code customers} are told, as the directory would. */
    void policy(CollectionPolicy version, String... customers) throws Exception {
        harness.processBroadcastElement(version, version.eventTime());
        for (String customerId : customers) {
            send(CustomerEvent.of(new PolicyChange(customerId, version)));
        }
    }

    void send(CustomerEvent... events) throws Exception {
        for (CustomerEvent event : events) {
            harness.processElement(event, event.eventTime());
        }
    }

    void advanceTo(String instant) throws Exception {
        advanceTo(at(instant));
    }

    void advanceTo(long instant) throws Exception {
        harness.watermark(instant);
    }

    List<AlertTransition> alerts() {
        return harness.extractOutputValues();
    }

    List<AlertTransition> alerts(AlertType type) {
        return alerts().stream().filter(a -> a.alertType() == type).toList();
    }

    @SuppressWarnings("unchecked")
    CustomerSnapshot lastSnapshot() {
        List<CustomerSnapshot> snapshots = new ArrayList<>();
        harness.getSideOutput(LedgerFunction.SNAPSHOTS)
                .forEach(r -> snapshots.add(((StreamRecord<CustomerSnapshot>) r).getValue()));
        return snapshots.get(snapshots.size() - 1);
    }

    @SuppressWarnings("unchecked")
    List<DisputeSnapshot> disputes() {
        List<DisputeSnapshot> disputes = new ArrayList<>();
        if (harness.getSideOutput(LedgerFunction.DISPUTES) != null) {
            harness.getSideOutput(LedgerFunction.DISPUTES)
                    .forEach(r -> disputes.add(((StreamRecord<DisputeSnapshot>) r).getValue()));
        }
        return disputes;
    }

    Map<String, Object> stateOf(String customerId) throws Exception {
        function.state.cache.writeBackAndForget();
        harness.getOperator().setCurrentKey(customerId);
        Map<String, Object> found = function.state.nonEmptyStates();
        function.kpiState.addNonEmpty(found);
        if (!function.waiting.instants(customerId).isEmpty()) {
            found.put("event-buffer", function.waiting.instants(customerId));
        }
        return found;
    }

    /** The customer's ledger state as the domain sees it. */
    io.arrears.ledger.LedgerStore state(String customerId) {
        function.state.cache.writeBackAndForget();
        harness.getOperator().setCurrentKey(customerId);
        return new KeyedLedgerStore(function.state);
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
