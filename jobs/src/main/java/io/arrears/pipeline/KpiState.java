package io.arrears.pipeline;

import static io.arrears.pipeline.StateAccess.call;
import static io.arrears.pipeline.StateAccess.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;

import io.arrears.kpi.KpiStore;

/**
 * KPI components in keyed state, declared in one place; used by the ledger (a customer's own KPIs) and by
 * {@link KpiScopeFunction} (a scope's).
 */
final class KpiState implements KpiStore {

    static final ValueStateDescriptor<long[]> STOCKS =
            new ValueStateDescriptor<>("kpi-stocks", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    static final ValueStateDescriptor<long[]> RUNNING =
            new ValueStateDescriptor<>("kpi-window-sums", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    static final MapStateDescriptor<Long, long[]> LEAVING = new MapStateDescriptor<>("kpi-leaving-window",
            Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    static final MapStateDescriptor<Long, long[]> DAYS = new MapStateDescriptor<>("kpi-issue-days",
            Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    static final ValueStateDescriptor<List<String>> SCOPES =
            new ValueStateDescriptor<>("kpi-scopes", new ListTypeInfo<>(Types.STRING));

    final ValueState<long[]> stocks;
    final ValueState<long[]> running;
    final MapState<Long, long[]> leaving;
    final MapState<Long, long[]> days;
    final ValueState<List<String>> scopes;

    /** What one wake-up of a key reads and writes: the function that owns this state begins and ends it. */
    final WakeUpCache cache = new WakeUpCache();
    private final WakeUpCache.Value<long[]> cachedStocks;
    private final WakeUpCache.Value<long[]> cachedRunning;
    private final WakeUpCache.Value<List<String>> cachedScopes;
    private final WakeUpCache.Entries<Long, long[]> cachedLeaving;
    private final WakeUpCache.Entries<Long, long[]> cachedDays;

    KpiState(RuntimeContext context) {
        stocks = context.getState(STOCKS);
        running = context.getState(RUNNING);
        leaving = context.getMapState(LEAVING);
        days = context.getMapState(DAYS);
        scopes = context.getState(SCOPES);
        cachedStocks = cache.value(stocks);
        cachedRunning = cache.value(running);
        cachedScopes = cache.value(scopes);
        cachedLeaving = cache.map(leaving);
        cachedDays = cache.map(days);
    }

    /** Names of the KPI states that hold something for the current key, for tests. */
    void addNonEmpty(Map<String, Object> found) throws Exception {
        if (stocks.value() != null) {
            found.put("kpi-stocks", stocks.value());
        }
        if (running.value() != null) {
            found.put("kpi-window-sums", running.value());
        }
        if (!leaving.isEmpty()) {
            found.put("kpi-leaving-window", leaving.keys());
        }
        if (!days.isEmpty()) {
            found.put("kpi-issue-days", days.keys());
        }
    }

    @Override
    public long[] stocks() {
        return cachedStocks.get();
    }

    @Override
    public void putStocks(long[] values) {
        cachedStocks.set(values);
    }

    @Override
    public long[] running() {
        return cachedRunning.get();
    }

    @Override
    public void putRunning(long[] values) {
        cachedRunning.set(values);
    }

    @Override
    public long[] leaving(long at) {
        return cachedLeaving.get(at);
    }

    @Override
    public void putLeaving(long at, long[] flows) {
        cachedLeaving.put(at, flows);
    }

    @Override
    public void removeLeaving(long at) {
        cachedLeaving.remove(at);
    }

    @Override
    public Iterable<Map.Entry<Long, long[]>> leavingEntries() {
        return copyOf(leaving);
    }

    @Override
    public long[] day(long epochDay) {
        return cachedDays.get(epochDay);
    }

    @Override
    public void putDay(long epochDay, long[] measures) {
        cachedDays.put(epochDay, measures);
    }

    @Override
    public void removeDay(long epochDay) {
        cachedDays.remove(epochDay);
    }

    @Override
    public Iterable<Map.Entry<Long, long[]>> days() {
        return copyOf(days);
    }

    @Override
    public List<String> scopes() {
        return cachedScopes.get();
    }

    @Override
    public void putScopes(List<String> values) {
        cachedScopes.set(values);
    }

    /** A copy, so that callers may change the state while they walk it. */
    private static Iterable<Map.Entry<Long, long[]>> copyOf(MapState<Long, long[]> state) {
        return call(() -> {
            List<Map.Entry<Long, long[]>> copy = new ArrayList<>();
            for (Map.Entry<Long, long[]> entry : state.entries()) {
                copy.add(Map.entry(entry.getKey(), entry.getValue()));
            }
            return copy;
        });
    }
}
