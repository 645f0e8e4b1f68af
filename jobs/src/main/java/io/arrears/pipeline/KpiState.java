package io.arrears.pipeline;

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

    KpiState(RuntimeContext context) {
        stocks = context.getState(STOCKS);
        running = context.getState(RUNNING);
        leaving = context.getMapState(LEAVING);
        days = context.getMapState(DAYS);
        scopes = context.getState(SCOPES);
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
        return get(stocks);
    }

    @Override
    public void putStocks(long[] values) {
        put(stocks, values);
    }

    @Override
    public long[] running() {
        return get(running);
    }

    @Override
    public void putRunning(long[] values) {
        put(running, values);
    }

    @Override
    public long[] leaving(long at) {
        return get(leaving, at);
    }

    @Override
    public void putLeaving(long at, long[] flows) {
        put(leaving, at, flows);
    }

    @Override
    public void removeLeaving(long at) {
        remove(leaving, at);
    }

    @Override
    public Iterable<Map.Entry<Long, long[]>> leavingEntries() {
        return entries(leaving);
    }

    @Override
    public long[] day(long epochDay) {
        return get(days, epochDay);
    }

    @Override
    public void putDay(long epochDay, long[] measures) {
        put(days, epochDay, measures);
    }

    @Override
    public void removeDay(long epochDay) {
        remove(days, epochDay);
    }

    @Override
    public Iterable<Map.Entry<Long, long[]>> days() {
        return entries(days);
    }

    @Override
    public List<String> scopes() {
        return get(scopes);
    }

    @Override
    public void putScopes(List<String> values) {
        put(scopes, values);
    }

    private static <T> T get(ValueState<T> state) {
        try {
            return state.value();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read KPI state", e);
        }
    }

    private static <T> void put(ValueState<T> state, T value) {
        try {
            if (value == null) {
                state.clear();
            } else {
                state.update(value);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write KPI state", e);
        }
    }

    private static long[] get(MapState<Long, long[]> state, long key) {
        try {
            return state.get(key);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read KPI state", e);
        }
    }

    private static void put(MapState<Long, long[]> state, long key, long[] value) {
        try {
            state.put(key, value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write KPI state", e);
        }
    }

    private static void remove(MapState<Long, long[]> state, long key) {
        try {
            state.remove(key);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write KPI state", e);
        }
    }

    /** A copy, so that callers may change the state while they walk it. */
    private static Iterable<Map.Entry<Long, long[]>> entries(MapState<Long, long[]> state) {
        try {
            java.util.List<Map.Entry<Long, long[]>> copy = new java.util.ArrayList<>();
            for (Map.Entry<Long, long[]> entry : state.entries()) {
                copy.add(Map.entry(entry.getKey(), entry.getValue()));
            }
            return copy;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read KPI state", e);
        }
    }
}
