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
 * A customer's own KPI components in the ledger's keyed state: its sums and scopes in its {@link CustomerBook},
 * the flows that leave its window and its measures per issue date in maps of their own.
 */
final class KpiState implements KpiStore {

    static final MapStateDescriptor<Long, long[]> LEAVING = new MapStateDescriptor<>("kpi-leaving-window",
            Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    static final MapStateDescriptor<Long, long[]> DAYS = new MapStateDescriptor<>("kpi-issue-days",
            Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    final MapState<Long, long[]> leaving;
    final MapState<Long, long[]> days;

    private final CustomerCache.Value<CustomerBook> book;
    private final CachedMap<Long, long[]> cachedLeaving;
    private final CachedMap<Long, long[]> cachedDays;

    /**
     * @param cache the ledger's cache of its customers' state, which holds these maps too
     * @param book the customer's book, as the ledger's state holds it
     */
    KpiState(RuntimeContext context, CustomerCache cache, CustomerCache.Value<CustomerBook> book) {
        this.book = book;
        leaving = context.getMapState(LEAVING);
        days = context.getMapState(DAYS);
        cachedLeaving = cache.map(leaving);
        cachedDays = cache.map(days);
    }

    private CustomerBook book() {
        CustomerBook values = book.get();
        return values == null ? CustomerBook.EMPTY : values;
    }

    /**
     * Names of the KPI maps that hold something for the current key, for tests (the sums are in the book); after
     * {@link CustomerCache#writeBack()}.
     */
    void addNonEmpty(Map<String, Object> found) throws Exception {
        if (!leaving.isEmpty()) {
            found.put("kpi-leaving-window", leaving.keys());
        }
        if (!days.isEmpty()) {
            found.put("kpi-issue-days", days.keys());
        }
    }

    @Override
    public long[] stocks() {
        return book().kpiStocks();
    }

    @Override
    public void putStocks(long[] values) {
        CustomerBook current = book();
        book.set(current.withKpis(values, current.kpiRunning(), current.kpiScopes()));
    }

    @Override
    public long[] running() {
        return book().kpiRunning();
    }

    @Override
    public void putRunning(long[] values) {
        CustomerBook current = book();
        book.set(current.withKpis(current.kpiStocks(), values, current.kpiScopes()));
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
        return cachedLeaving.entries();
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
        return cachedDays.entries();
    }

    @Override
    public List<String> scopes() {
        return book().kpiScopes();
    }

    @Override
    public void putScopes(List<String> values) {
        CustomerBook current = book();
        book.set(current.withKpis(current.kpiStocks(), current.kpiRunning(), values));
    }
}
