package io.arrears.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import io.arrears.ingest.DeadLetter;
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
import io.arrears.model.ReasonCode;

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
    /** How the ledger's dead letters name their source: the event's own coordinates stay with the source. */
    public static final String REFUSED_SOURCE = "ledger";
    /** Events the ledger refused in their context, as dead letters. */
    public static final OutputTag<DeadLetter> REFUSED =
            new OutputTag<>("ledger-refused", DomainTypes.of(DeadLetter.class));
    public static final OutputTag<KpiDelta> KPI_DELTAS =
            new OutputTag<>("kpi-deltas", DomainTypes.of(KpiDelta.class));

    /** Events of one instant apply in this order: policy and master data first, then what they concern. */
    private static final Comparator<CustomerEvent> SAME_INSTANT_ORDER = Comparator
            .comparingInt((CustomerEvent event) -> event.kind().sameInstantRank())
            .thenComparing(CustomerEvent::eventId);

    private final BusinessCalendar calendar;
    private final Duration retention;
    private final Duration dedupRetention;
    private final long horizon;
    private final KpiSettings kpis;
    /** Whether only the snapshot at the horizon counts (a replay's last), so that no other is built. */
    private final boolean snapshotAtHorizonOnly;
    private final int cachedCustomers;

    /** Events waiting for business time; checkpointed as union operator state. */
    static final ListStateDescriptor<CustomerEvent> WAITING = new ListStateDescriptor<>("waiting-events",
            DomainTypes.of(CustomerEvent.class));

    /** Package-private so that harness tests can check what is left in state. */
    transient LedgerState state;
    private transient KeyedLedgerStore store;
    /** Set by {@link LedgerOperator} before open: writes a customer's cached state back under its key. */
    private transient CustomerCache.KeySwitch keySwitch;
    transient WaitingEvents waiting;
    private transient ListState<CustomerEvent> checkpointedWaiting;
    transient KpiState kpiState;
    private transient Counter lateEvents;
    /** Package-private so that harness tests can read the metrics. */
    transient AlertMetrics alertMetrics;

    /**
     * With the settings' calendar, retention of closed entities and of event ids, horizon (the last business
     * instant at which deadlines fire) and KPIs. Without a customer flush interval only the customer's last
     * snapshot goes on (a replay), so the ledger builds just that one, at the horizon.
     */
    public LedgerFunction(CollectionsSettings settings) {
        this.kpis = settings.kpis();
        this.calendar = settings.calendar();
        this.retention = settings.retention();
        this.dedupRetention = settings.dedupRetention();
        this.horizon = settings.horizon();
        this.snapshotAtHorizonOnly = settings.customerFlushInterval() == null && horizon != Long.MAX_VALUE;
        this.cachedCustomers = settings.cachedCustomers();
    }

    /** The operator that runs this function lends it the switching of the current key. */
    void useKeySwitch(CustomerCache.KeySwitch keySwitch) {
        this.keySwitch = keySwitch;
    }

    /** Writes the customers' state kept on the heap to the state backend, before a checkpoint barrier. */
    void writeBack() {
        state.cache.writeBack();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        alertMetrics = new AlertMetrics(context.getOperatorStateStore().getListState(AlertMetrics.OPEN_ALERTS));
        waiting = new WaitingEvents();
        checkpointedWaiting = context.getOperatorStateStore().getUnionListState(WAITING);
        if (context.isRestored()) {
            var task = getRuntimeContext().getTaskInfo();
            waiting.restore(checkpointedWaiting.get(), customerId -> KeyGroupRangeAssignment
                    .assignKeyToParallelOperator(customerId, task.getMaxNumberOfParallelSubtasks(),
                            task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        alertMetrics.snapshot();
        checkpointedWaiting.update(waiting.all());
    }

    @Override
    public void open(OpenContext openContext) {
        DomainTypes.register();
        state = new LedgerState(getRuntimeContext(), dedupRetention);
        store = new KeyedLedgerStore(state);
        kpiState = new KpiState(getRuntimeContext(), state.cache, state.cachedBook);
        state.cache.start(cachedCustomers, keySwitch);
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
        alertMetrics.register(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(CustomerEvent event, ReadOnlyContext ctx, Collector<AlertTransition> out)
            throws Exception {
        // Business time stops at the horizon, also for what the cache lets expire (timers after it do nothing).
        state.cache.begin(ctx.getCurrentKey(), Math.min(ctx.timerService().currentWatermark(), horizon));
        try {
            processEvent(event, ctx, out);
        } finally {
            state.cache.end();
        }
    }

    private void processEvent(CustomerEvent event, ReadOnlyContext ctx, Collector<AlertTransition> out) {
        TimerService timers = ctx.timerService();
        CustomerBook book = state.cachedBook.get();
        if (horizon != Long.MAX_VALUE && (book == null || !book.horizonTimer())) {
            state.cachedBook.set((book == null ? CustomerBook.EMPTY : book).withHorizonTimer());
            timers.registerEventTimeTimer(horizon);
        }
        long watermark = timers.currentWatermark();
        if (event.eventTime() > watermark) {
            if (waiting.add(event)) {
                timers.registerEventTimeTimer(event.eventTime());
            }
        } else {
            // A policy change is in force from its own eventTime; any other late event applies at the watermark.
            boolean policyChange = event.kind() == CustomerEvent.Kind.POLICY_CHANGE;
            long now = policyChange ? event.eventTime() : watermark;
            if (!policyChange) {
                lateEvents.inc();
            }
            Ledger ledger = ledger(ctx.getCurrentKey(), timers, book(ctx), out, delta -> ctx.output(KPI_DELTAS, delta),
                    dispute -> ctx.output(DISPUTES, dispute), letter -> ctx.output(REFUSED, letter));
            if (ledger.apply(event, now) && !snapshotAtHorizonOnly) {
                ctx.output(SNAPSHOTS, ledger.snapshot(watermark));
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertTransition> out) throws Exception {
        state.cache.begin(ctx.getCurrentKey(), Math.min(timestamp, horizon));
        try {
            fire(timestamp, ctx, out);
        } finally {
            state.cache.end();
        }
    }

    private void fire(long timestamp, OnTimerContext ctx, Collector<AlertTransition> out) {
        Ledger ledger = ledger(ctx.getCurrentKey(), ctx.timerService(), book(ctx), out,
                delta -> ctx.output(KPI_DELTAS, delta), dispute -> ctx.output(DISPUTES, dispute),
                letter -> ctx.output(REFUSED, letter));
        boolean changed = false;
        List<CustomerEvent> events = waiting.take(ctx.getCurrentKey(), timestamp);
        if (events != null) {
            List<CustomerEvent> ordered = new ArrayList<>(events);
            ordered.sort(SAME_INSTANT_ORDER);
            for (CustomerEvent event : ordered) {
                changed |= ledger.apply(event, timestamp);
            }
        }
        if (timestamp <= horizon) {
            List<Deadline> due = state.cachedDeadlines.get(timestamp);
            if (due != null) {
                state.cachedDeadlines.remove(timestamp);
                for (Deadline deadline : due) {
                    ledger.onDeadline(deadline, timestamp);
                }
                changed = true;
            }
        }
        if (timestamp == horizon || changed && !snapshotAtHorizonOnly) {
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
                          Consumer<DisputeSnapshot> disputeOut, Consumer<DeadLetter> refusedOut) {
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

            @Override
            public void refused(CustomerEvent event, String reason) {
                // The original bytes are at the source; the event as the ledger saw it names its id and fields.
                refusedOut.accept(DeadLetter.of(REFUSED_SOURCE, -1, -1,
                        customerId.getBytes(StandardCharsets.UTF_8), event.toString().getBytes(StandardCharsets.UTF_8),
                        ReasonCode.LIMIT, "event " + event.eventId() + ": " + reason, System.currentTimeMillis()));
            }
        };
        return new Ledger(customerId, store, new TimerScheduler(customerId, timers), output, policies, calendar, retention, kpis,
                kpiState);
    }

    /** Deadlines in the index, one event-time timer per instant. */
    private final class TimerScheduler implements Scheduler {

        private final String customerId;
        private final TimerService timers;

        TimerScheduler(String customerId, TimerService timers) {
            this.customerId = customerId;
            this.timers = timers;
        }

        @Override
        public void schedule(long at, Deadline deadline) {
            List<Deadline> existing = state.cachedDeadlines.get(at);
            if (existing != null && existing.contains(deadline)) {
                return;
            }
            List<Deadline> updated = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
            updated.add(deadline);
            state.cachedDeadlines.put(at, updated);
            if (existing == null) {
                timers.registerEventTimeTimer(at);
            }
        }

        @Override
        public void cancel(long at, Deadline deadline) {
            List<Deadline> existing = state.cachedDeadlines.get(at);
            if (existing == null || !existing.contains(deadline)) {
                return;
            }
            List<Deadline> remaining = new ArrayList<>(existing);
            remaining.remove(deadline);
            if (!remaining.isEmpty()) {
                state.cachedDeadlines.put(at, remaining);
                return;
            }
            state.cachedDeadlines.remove(at);
            if (!waiting.has(customerId, at) && at != horizon) {
                timers.deleteEventTimeTimer(at);
            }
        }
    }
}
