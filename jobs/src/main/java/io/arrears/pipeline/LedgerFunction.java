package io.arrears.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import io.arrears.ledger.AlertTransition;
import io.arrears.ledger.BusinessCalendar;
import io.arrears.ledger.CustomerSnapshot;
import io.arrears.ledger.DisputeSnapshot;
import io.arrears.ledger.Deadline;
import io.arrears.kpi.KpiDelta;
import io.arrears.kpi.KpiSettings;
import io.arrears.ledger.Ledger;
import io.arrears.ledger.LedgerOutput;
import io.arrears.ledger.PolicyBook;
import io.arrears.ledger.Scheduler;
import io.arrears.model.CollectionPolicy;
import io.arrears.model.CustomerEvent;

/**
 * The per-customer ledger (keyed by customerId): a thin adapter that applies events to the domain's
 * {@link Ledger} in event-time order and turns its deadlines into event-time timers.
 *
 * <p>Events wait in state until business time (the watermark) reaches their event time, then apply in
 * event-time order, so results do not depend on arrival order between topics. An event that arrives behind
 * the watermark (late) is applied at once, at the watermark's time; transitions already emitted stay as they
 * are. Deadlines after {@code horizon} do not fire (replay stops business time at --as-of).
 *
 * <p>Policies arrive on the broadcast input and are kept as versions by segment; a ledger looks up the one in
 * force at each business instant. A {@link io.arrears.model.PolicyChange} in the customer's own stream (from
 * {@link PolicyDirectory}) makes it recompute its pending deadlines at the version's eventTime, also when that
 * arrives late.
 *
 * <p>Main output: alert transitions. Side output {@link #SNAPSHOTS}: the customer's position after every
 * instant at which it changed, and at the horizon.
 */
public final class LedgerFunction
        extends KeyedBroadcastProcessFunction<String, CustomerEvent, CollectionPolicy, AlertTransition>
        implements CheckpointedFunction {

    public static final OutputTag<CustomerSnapshot> SNAPSHOTS =
            new OutputTag<>("customer-snapshots", DomainTypes.of(CustomerSnapshot.class));
    /** Contributions to the KPIs of the customer's scopes, when KPIs are on. */
    public static final OutputTag<DisputeSnapshot> DISPUTES =
            new OutputTag<>("dispute-snapshots", DomainTypes.of(DisputeSnapshot.class));
    public static final OutputTag<KpiDelta> KPI_DELTAS =
            new OutputTag<>("kpi-deltas", DomainTypes.of(KpiDelta.class));

    /** Events of one instant apply in this order: policy and master data first, then what they concern. */
    private static final Comparator<CustomerEvent> SAME_INSTANT_ORDER = Comparator
            .comparingInt(LedgerFunction::streamRank).thenComparing(CustomerEvent::eventId);

    private final BusinessCalendar calendar;
    private final Duration retention;
    private final Duration dedupRetention;
    private final long horizon;
    private final KpiSettings kpis;

    /** Package-private so that harness tests can check what is left in state. */
    transient LedgerState state;
    transient KpiState kpiState;
    private transient Counter lateEvents;
    /** Package-private so that harness tests can read the metrics. */
    transient AlertMetrics alertMetrics;

    /**
     * @param retention how long closed entities stay in state (business time)
     * @param dedupRetention how long event ids are remembered for de-duplication
     * @param horizon the last business instant at which deadlines fire; Long.MAX_VALUE when live
     * @param kpis how the customer's KPIs and its contributions to its scopes are computed
     */
    public LedgerFunction(BusinessCalendar calendar, Duration retention, Duration dedupRetention, long horizon,
                          KpiSettings kpis) {
        this.kpis = kpis;
        this.calendar = calendar;
        this.retention = retention;
        this.dedupRetention = dedupRetention;
        this.horizon = horizon;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        alertMetrics = new AlertMetrics(context.getOperatorStateStore().getListState(AlertMetrics.OPEN_ALERTS));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        alertMetrics.snapshot();
    }

    @Override
    public void open(OpenContext openContext) {
        DomainTypes.register();
        state = new LedgerState(getRuntimeContext(), dedupRetention);
        kpiState = new KpiState(getRuntimeContext());
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
        alertMetrics.register(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(CustomerEvent event, ReadOnlyContext ctx, Collector<AlertTransition> out)
            throws Exception {
        TimerService timers = ctx.timerService();
        if (horizon != Long.MAX_VALUE && state.horizonTimer.value() == null) {
            state.horizonTimer.update(Boolean.TRUE);
            timers.registerEventTimeTimer(horizon);
        }
        long watermark = timers.currentWatermark();
        if (event.eventTime() > watermark) {
            List<CustomerEvent> waiting = state.buffer.get(event.eventTime());
            List<CustomerEvent> updated = waiting == null ? new ArrayList<>() : new ArrayList<>(waiting);
            updated.add(event);
            state.buffer.put(event.eventTime(), updated);
            timers.registerEventTimeTimer(event.eventTime());
        } else {
            // A policy change is in force from its own eventTime; any other late event applies at the watermark.
            boolean policyChange = event.policyChange() != null;
            long now = policyChange ? event.eventTime() : watermark;
            if (!policyChange) {
                lateEvents.inc();
            }
            Ledger ledger = ledger(ctx.getCurrentKey(), timers, book(ctx), out, delta -> ctx.output(KPI_DELTAS, delta),
                    dispute -> ctx.output(DISPUTES, dispute));
            if (ledger.apply(event, now)) {
                ctx.output(SNAPSHOTS, ledger.snapshot(watermark));
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertTransition> out) throws Exception {
        Ledger ledger = ledger(ctx.getCurrentKey(), ctx.timerService(), book(ctx), out,
                delta -> ctx.output(KPI_DELTAS, delta), dispute -> ctx.output(DISPUTES, dispute));
        boolean changed = false;
        List<CustomerEvent> events = state.buffer.get(timestamp);
        if (events != null) {
            state.buffer.remove(timestamp);
            List<CustomerEvent> ordered = new ArrayList<>(events);
            ordered.sort(SAME_INSTANT_ORDER);
            for (CustomerEvent event : ordered) {
                changed |= ledger.apply(event, timestamp);
            }
        }
        if (timestamp <= horizon) {
            List<Deadline> due = state.deadlines.get(timestamp);
            if (due != null) {
                state.deadlines.remove(timestamp);
                for (Deadline deadline : due) {
                    ledger.onDeadline(deadline, timestamp);
                }
                changed = true;
            }
        }
        if (changed || timestamp == horizon) {
            ctx.output(SNAPSHOTS, ledger.snapshot(timestamp));
        }
    }

    @Override
    public void processBroadcastElement(CollectionPolicy policy, Context ctx, Collector<AlertTransition> out)
            throws Exception {
        PolicyBroadcast.add(ctx.getBroadcastState(PolicyBroadcast.VERSIONS), policy);
    }

    private static PolicyBook book(ReadOnlyContext ctx) {
        return PolicyBroadcast.book(ctx.getBroadcastState(PolicyBroadcast.VERSIONS));
    }

    private Ledger ledger(String customerId, TimerService timers, PolicyBook policies,
                          Collector<AlertTransition> out, Consumer<KpiDelta> kpiOut,
                          Consumer<DisputeSnapshot> disputeOut) {
        LedgerOutput output = new LedgerOutput() {
            @Override
            public void alert(AlertTransition transition) {
                alertMetrics.count(transition);
                out.collect(transition);
            }

            @Override
            public void kpi(KpiDelta delta) {
                kpiOut.accept(delta);
            }

            @Override
            public void dispute(DisputeSnapshot dispute) {
                disputeOut.accept(dispute);
            }
        };
        return new Ledger(customerId, state, new TimerScheduler(timers), output, policies, calendar, retention, kpis,
                kpiState);
    }

    private static int streamRank(CustomerEvent event) {
        if (event.policyChange() != null) {
            return 0;
        } else if (event.customer() != null) {
            return 1;
        } else if (event.invoice() != null) {
            return 2;
        } else if (event.dispute() != null) {
            return 3;
        } else if (event.payment() != null) {
            return 4;
        }
        return 5;
    }

    /** Deadlines in the index, one event-time timer per instant. */
    private final class TimerScheduler implements Scheduler {

        private final TimerService timers;

        TimerScheduler(TimerService timers) {
            this.timers = timers;
        }

        @Override
        public void schedule(long at, Deadline deadline) {
            try {
                List<Deadline> existing = state.deadlines.get(at);
                if (existing != null && existing.contains(deadline)) {
                    return;
                }
                List<Deadline> updated = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
                updated.add(deadline);
                state.deadlines.put(at, updated);
                timers.registerEventTimeTimer(at);
            } catch (Exception e) {
                throw new IllegalStateException("cannot schedule " + deadline, e);
            }
        }

        @Override
        public void cancel(long at, Deadline deadline) {
            try {
                List<Deadline> existing = state.deadlines.get(at);
                if (existing == null || !existing.contains(deadline)) {
                    return;
                }
                List<Deadline> remaining = new ArrayList<>(existing);
                remaining.remove(deadline);
                if (!remaining.isEmpty()) {
                    state.deadlines.put(at, remaining);
                    return;
                }
                state.deadlines.remove(at);
                if (!state.buffer.contains(at) && at != horizon) {
                    timers.deleteEventTimeTimer(at);
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot cancel " + deadline, e);
            }
        }
    }
}
