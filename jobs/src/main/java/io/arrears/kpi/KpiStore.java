package io.arrears.kpi;

import java.util.List;
import java.util.Map;

/**
 * The state behind a {@link KpiAccumulator}: Flink keyed state in the job, maps in tests. Arrays are values:
 * changes are written back with put; null means all zero.
 */
public interface KpiStore {

    long[] stocks();

    void putStocks(long[] stocks);

    /** Flow sums over the window. */
    long[] running();

    void putRunning(long[] running);

    /** Flows that leave the window at {@code at}, or null. */
    long[] leaving(long at);

    void putLeaving(long at, long[] flows);

    void removeLeaving(long at);

    Iterable<Map.Entry<Long, long[]>> leavingEntries();

    long[] day(long epochDay);

    void putDay(long epochDay, long[] measures);

    void removeDay(long epochDay);

    Iterable<Map.Entry<Long, long[]>> days();

    /** The measures by issue date, sorted, for the formulas; a copy unless the store keeps them sorted itself. */
    default java.util.NavigableMap<Long, long[]> sortedDays() {
        java.util.NavigableMap<Long, long[]> sorted = new java.util.TreeMap<>();
        for (Map.Entry<Long, long[]> day : days()) {
            sorted.put(day.getKey(), day.getValue());
        }
        return sorted;
    }

    /** The scopes a customer's contributions were sent to ("SCOPE:scopeId"), or null before the first. */
    List<String> scopes();

    void putScopes(List<String> scopes);
}
