package io.arrears.pipeline;

import static io.arrears.testing.Events.at;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import io.arrears.ledger.AlertTransition;
import io.arrears.ledger.BusinessCalendar;
import io.arrears.ledger.CustomerSnapshot;
import io.arrears.ledger.PolicyBook;
import io.arrears.ledger.StaticPolicyBook;
import io.arrears.model.AlertType;
import io.arrears.model.CustomerEvent;

/** The ledger function in Flink's operator test harness, driven by events and watermarks. */
final class LedgerHarness implements AutoCloseable {

    static final Duration RETENTION = Duration.ofDays(30);

    final LedgerFunction function;
    final KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, AlertTransition> harness;

    LedgerHarness() throws Exception {
        this(StaticPolicyBook.defaults());
    }

    LedgerHarness(PolicyBook policies) throws Exception {
        function = new LedgerFunction(policies, BusinessCalendar.utc(), RETENTION, Duration.ofDays(7),
                Long.MAX_VALUE);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function),
                CustomerEvent::customerId, Types.STRING);
        harness.open();
    }

    void send(CustomerEvent... events) throws Exception {
        for (CustomerEvent event : events) {
            harness.processElement(event, event.eventTime());
        }
    }

    void advanceTo(String instant) throws Exception {
        harness.processWatermark(at(instant));
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

    Map<String, Object> stateOf(String customerId) throws Exception {
        harness.getOperator().setCurrentKey(customerId);
        return function.state.nonEmptyStates();
    }

    LedgerState state(String customerId) {
        harness.getOperator().setCurrentKey(customerId);
        return function.state;
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
