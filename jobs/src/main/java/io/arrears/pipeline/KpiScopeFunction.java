package io.arrears.pipeline;


import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import io.arrears.kpi.KpiAccumulator;
import io.arrears.kpi.KpiDelta;
import io.arrears.kpi.KpiPending;
import io.arrears.kpi.KpiScope;
import io.arrears.kpi.KpiSettings;
import io.arrears.kpi.KpiSnapshot;

/**
 * One scope's KPIs (keyed by "SCOPE:scopeId"): adds up the customers' contributions in event-time order and
 * writes a snapshot at every interval boundary of business time, and at the horizon. Work is per contribution
 * and per instant at which something leaves a window, never per customer or invoice.
 *
 * <p>Contributions wait in state until the watermark reaches their instant, because a customer's ledger may
 * run ahead of the others: a snapshot at T must hold everything up to T and nothing after it.
 */
public final class KpiScopeFunction extends KeyedProcessFunction<String, KpiDelta, KpiSnapshot> {

    /** Contributions waiting for business time, added up per instant ({@link KpiPending}). */
    static final MapStateDescriptor<Long, long[]> PENDING = new MapStateDescriptor<>("kpi-pending-sums",
            Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    static final ValueStateDescriptor<Long> NEXT_SNAPSHOT = new ValueStateDescriptor<>("kpi-next-snapshot", Types.LONG);

    private final KpiSettings settings;
    private final long horizon;

    private transient KpiState kpis;
    private transient MapState<Long, long[]> pending;
    private transient ValueState<Long> nextSnapshot;

    /** @param horizon the last business instant to snapshot: Long.MAX_VALUE live, --as-of in replay */
    public KpiScopeFunction(KpiSettings settings, long horizon) {
        this.settings = settings;
        this.horizon = horizon;
    }

    @Override
    public void open(OpenContext openContext) {
        kpis = new KpiState(getRuntimeContext());
        pending = getRuntimeContext().getMapState(PENDING);
        nextSnapshot = getRuntimeContext().getState(NEXT_SNAPSHOT);
    }

    @Override
    public void processElement(KpiDelta delta, Context ctx, Collector<KpiSnapshot> out) throws Exception {
        kpis.cache.begin();
        try {
            add(delta, ctx.timerService());
        } finally {
            kpis.cache.end();
        }
    }

    private void add(KpiDelta delta, TimerService timers) throws Exception {
        long watermark = timers.currentWatermark();
        // The first snapshot is due at the boundary of the earliest contribution, which need not arrive first
        // (another customer's ledger may run ahead); one already applied counts from the next boundary on.
        long boundary = settings.boundaryAtOrAfter(Math.max(delta.at(), watermark + 1));
        Long next = nextSnapshot.value();
        if (next == null || boundary < next) {
            scheduleSnapshot(boundary, timers);
        }
        if (delta.at() <= watermark) {
            accumulator().add(delta, watermark, at -> schedule(at, timers), at -> schedule(at, timers));
            return;
        }
        long[] waiting = pending.get(delta.at());
        pending.put(delta.at(), KpiPending.decode(waiting).plus(delta).encode());
        if (waiting == null) {
            schedule(delta.at(), timers);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiSnapshot> out) throws Exception {
        kpis.cache.begin();
        try {
            fire(timestamp, ctx, out);
        } finally {
            kpis.cache.end();
        }
    }

    private void fire(long timestamp, OnTimerContext ctx, Collector<KpiSnapshot> out) throws Exception {
        KpiAccumulator accumulator = accumulator();
        TimerService timers = ctx.timerService();
        long[] due = pending.get(timestamp);
        if (due != null) {
            pending.remove(timestamp);
            String key = ctx.getCurrentKey();
            for (KpiDelta delta : KpiPending.decode(due).deltas(KpiScope.ofKey(key), KpiScope.idOfKey(key),
                    timestamp)) {
                accumulator.add(delta, timestamp, at -> schedule(at, timers), at -> schedule(at, timers));
            }
        }
        accumulator.leave(timestamp);
        if (settings.calendar().startOf(settings.calendar().dateOf(timestamp)) == timestamp) {
            accumulator.forgetDaysBefore(timestamp);
        }
        Long snapshotAt = nextSnapshot.value();
        if (snapshotAt != null && snapshotAt == timestamp) {
            String key = ctx.getCurrentKey();
            out.collect(new KpiSnapshot(KpiScope.ofKey(key), KpiScope.idOfKey(key), timestamp,
                    settings.rates().reporting(), settings.windowDays(), accumulator.values(timestamp)));
            if (timestamp < horizon) {
                scheduleSnapshot(settings.boundaryAtOrAfter(timestamp + 1), timers);
            }
        }
    }

    private KpiAccumulator accumulator() {
        return new KpiAccumulator(kpis, settings);
    }

    private void scheduleSnapshot(long boundary, TimerService timers) throws Exception {
        long at = Math.min(boundary, horizon);
        nextSnapshot.update(at);
        timers.registerEventTimeTimer(at);
    }

    /** Nothing after the horizon happens: a replay's business time ends there. */
    private void schedule(long at, TimerService timers) {
        if (at <= horizon) {
            timers.registerEventTimeTimer(at);
        }
    }
}
