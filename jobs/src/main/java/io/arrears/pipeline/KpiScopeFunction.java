package io.arrears.pipeline;

import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import io.arrears.kpi.KpiDelta;
import io.arrears.kpi.KpiScopeBook;
import io.arrears.kpi.KpiSettings;
import io.arrears.kpi.KpiSnapshot;

/**
 * The scopes' KPIs (keyed by "SCOPE:scopeId"): adds up the customers' contributions in event-time order and
 * writes a snapshot at every interval boundary of business time, and at the horizon. Work is per contribution
 * and per instant at which something happens to a scope, never per customer or invoice.
 *
 * <p>A job has few scopes and each is small, so their books ({@link KpiScopeBook}) live on the heap, not in
 * RocksDB: a contribution or an instant passing costs no state access. They are checkpointed whole as union
 * operator state; after a restore each parallel instance keeps the scopes whose keys it owns. Each scope has one
 * event-time timer, at the next instant something happens to it.
 */
public final class KpiScopeFunction extends KeyedProcessFunction<String, KpiDelta, KpiSnapshot>
        implements CheckpointedFunction {

    static final ListStateDescriptor<byte[]> BOOKS = new ListStateDescriptor<>("kpi-scope-books",
            PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    private final KpiSettings settings;
    private final long horizon;

    private transient Map<String, KpiScopeBook> books;
    private transient ListState<byte[]> checkpointed;

    /** @param horizon the last business instant to snapshot: Long.MAX_VALUE live, --as-of in replay */
    public KpiScopeFunction(KpiSettings settings, long horizon) {
        this.settings = settings;
        this.horizon = horizon;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        books = new HashMap<>();
        checkpointed = context.getOperatorStateStore().getUnionListState(BOOKS);
        if (!context.isRestored()) {
            return;
        }
        var task = getRuntimeContext().getTaskInfo();
        for (byte[] bytes : checkpointed.get()) {
            KpiScopeBook book = KpiScopeBook.read(new DataInputDeserializer(bytes));
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(book.scopeKey(),
                    task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks())
                    == task.getIndexOfThisSubtask()) {
                books.put(book.scopeKey(), book);
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointed.clear();
        DataOutputSerializer out = new DataOutputSerializer(4096);
        for (KpiScopeBook book : books.values()) {
            out.clear();
            book.write(out);
            checkpointed.add(out.getCopyOfBuffer());
        }
    }

    @Override
    public void processElement(KpiDelta delta, Context ctx, Collector<KpiSnapshot> out) throws Exception {
        KpiScopeBook book = books.computeIfAbsent(ctx.getCurrentKey(), KpiScopeBook::new);
        book.add(delta, ctx.timerService().currentWatermark(), settings, horizon);
        schedule(book, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiSnapshot> out) throws Exception {
        KpiScopeBook book = books.get(ctx.getCurrentKey());
        if (book == null) {
            return;
        }
        book.timerFired(timestamp);
        book.advance(ctx.timerService().currentWatermark(), settings, horizon, out::collect);
        schedule(book, ctx);
    }

    /** One timer per scope, at its next instant; nothing after the horizon happens. */
    private void schedule(KpiScopeBook book, Context ctx) {
        long at = book.timerNeeded(settings, horizon);
        if (at != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(at);
        }
    }
}
