package io.arrears.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contributions to one scope that wait for business time to reach one instant, added up as they arrive: a
 * busy instant (midnight, when every customer's invoices age) costs one small value, not a list that grows with
 * the number of customers. Stored as one long array, with the number of stocks, flows and measures in front.
 */
public final class KpiPending {

    private final long[] stocks = new long[Stock.COUNT];
    private final Map<Long, long[]> flowsByOrigin = new TreeMap<>();
    private final Map<Long, long[]> daysByEpochDay = new TreeMap<>();

    public static KpiPending decode(long[] encoded) {
        KpiPending pending = new KpiPending();
        if (encoded == null) {
            return pending;
        }
        int stockCount = (int) encoded[0];
        int flowCount = (int) encoded[1];
        int dayCount = (int) encoded[2];
        int at = 3;
        add(pending.stocks, encoded, at, stockCount);
        at += stockCount;
        for (long n = encoded[at++]; n > 0; n--) {
            long origin = encoded[at++];
            add(pending.flowsByOrigin.computeIfAbsent(origin, o -> new long[Flow.COUNT]), encoded, at, flowCount);
            at += flowCount;
        }
        for (long n = encoded[at++]; n > 0; n--) {
            long epochDay = encoded[at++];
            add(pending.daysByEpochDay.computeIfAbsent(epochDay, d -> new long[DayMeasure.COUNT]), encoded, at,
                    dayCount);
            at += dayCount;
        }
        return pending;
    }

    public long[] encode() {
        long[] encoded = new long[3 + Stock.COUNT + 1 + flowsByOrigin.size() * (1 + Flow.COUNT) + 1
                + daysByEpochDay.size() * (1 + DayMeasure.COUNT)];
        encoded[0] = Stock.COUNT;
        encoded[1] = Flow.COUNT;
        encoded[2] = DayMeasure.COUNT;
        int at = 3;
        System.arraycopy(stocks, 0, encoded, at, Stock.COUNT);
        at += Stock.COUNT;
        encoded[at++] = flowsByOrigin.size();
        for (Map.Entry<Long, long[]> flow : flowsByOrigin.entrySet()) {
            encoded[at++] = flow.getKey();
            System.arraycopy(flow.getValue(), 0, encoded, at, Flow.COUNT);
            at += Flow.COUNT;
        }
        encoded[at++] = daysByEpochDay.size();
        for (Map.Entry<Long, long[]> day : daysByEpochDay.entrySet()) {
            encoded[at++] = day.getKey();
            System.arraycopy(day.getValue(), 0, encoded, at, DayMeasure.COUNT);
            at += DayMeasure.COUNT;
        }
        return encoded;
    }

    public KpiPending plus(KpiDelta delta) {
        if (delta.stocks() != null) {
            add(stocks, delta.stocks(), 0, Math.min(delta.stocks().length, Stock.COUNT));
        }
        if (delta.flows() != null) {
            add(flowsByOrigin.computeIfAbsent(delta.origin(), o -> new long[Flow.COUNT]), delta.flows(), 0,
                    Math.min(delta.flows().length, Flow.COUNT));
        }
        if (delta.days() != null) {
            add(daysByEpochDay.computeIfAbsent(delta.epochDay(), d -> new long[DayMeasure.COUNT]), delta.days(), 0,
                    Math.min(delta.days().length, DayMeasure.COUNT));
        }
        return this;
    }

    /** What waited, as contributions at {@code at}: one with the stocks, one per flow origin and issue date. */
    public List<KpiDelta> deltas(KpiScope scope, String scopeId, long at) {
        List<KpiDelta> deltas = new ArrayList<>();
        deltas.add(new KpiDelta(scope, scopeId, at, stocks.clone(), at, null, 0, null));
        flowsByOrigin.forEach((origin, flows) -> deltas.add(new KpiDelta(scope, scopeId, at, null, origin,
                flows.clone(), 0, null)));
        daysByEpochDay.forEach((epochDay, days) -> deltas.add(new KpiDelta(scope, scopeId, at, null, at, null,
                epochDay, days.clone())));
        return deltas;
    }

    private static void add(long[] into, long[] from, int offset, int count) {
        for (int i = 0; i < Math.min(count, into.length); i++) {
            into[i] += from[offset + i];
        }
    }
}
