package io.arrears.pipeline;

import java.time.Duration;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import io.arrears.ledger.CustomerSnapshot;

/**
 * Decouples document writes from event volume: of a customer's snapshots within one flush interval (wall time)
 * only the newest goes on, once. At the end of a bounded input the last one goes on too; without a flush
 * interval, only that one.
 */
public final class LatestSnapshotPerCustomer
        extends KeyedProcessFunction<String, CustomerSnapshot, CustomerSnapshot> {

    static final ValueStateDescriptor<CustomerSnapshot> PENDING =
            new ValueStateDescriptor<>("pending-snapshot", DomainTypes.of(CustomerSnapshot.class));

    private final long flushIntervalMillis;
    private transient ValueState<CustomerSnapshot> pending;

    /** @param flushInterval null: only the last snapshot of a bounded input goes on */
    public LatestSnapshotPerCustomer(Duration flushInterval) {
        this.flushIntervalMillis = flushInterval == null ? -1 : flushInterval.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getState(PENDING);
    }

    @Override
    public void processElement(CustomerSnapshot snapshot, Context ctx, Collector<CustomerSnapshot> out)
            throws Exception {
        CustomerSnapshot waiting = pending.value();
        if (waiting == null) {
            if (flushIntervalMillis >= 0) {
                ctx.timerService().registerProcessingTimeTimer(
                        ctx.timerService().currentProcessingTime() + flushIntervalMillis);
            }
            // Bounded inputs end with the final watermark, not with processing time passing.
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            pending.update(snapshot);
        } else if (snapshot.revision() > waiting.revision()) {
            pending.update(snapshot);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CustomerSnapshot> out) throws Exception {
        CustomerSnapshot waiting = pending.value();
        if (waiting == null) {
            return;
        }
        out.collect(waiting);
        pending.clear();
        ctx.timerService().deleteEventTimeTimer(Long.MAX_VALUE);
    }
}
