package io.arrears.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

/**
 * Adds up {@link KpiDelta}s into a scope's components and computes its KPIs at an instant. Flows are kept
 * twice: in the window's running sums and under the instant at which they leave the window, so that moving the
 * window subtracts exactly what leaves, without a scan. Measures by issue date are kept as long as a formula
 * can reach them.
 */
public final class KpiAccumulator {

    private final KpiStore store;
    private final KpiSettings settings;
    private final LongUnaryOperator leavingKey;

    /** Flows are kept under the exact instant they leave the window: its KPIs may be read at any instant. */
    public KpiAccumulator(KpiStore store, KpiSettings settings) {
        this(store, settings, LongUnaryOperator.identity());
    }

    /**
     * @param leavingKey the instant under which flows that leave the window at an instant are kept: for KPIs read
     *     only at certain instants (a scope's snapshots), the first of those at or after it, so that flows leaving
     *     between two of them are kept together
     */
    public KpiAccumulator(KpiStore store, KpiSettings settings, LongUnaryOperator leavingKey) {
        this.store = store;
        this.settings = settings;
        this.leavingKey = leavingKey;
    }

    /**
     * Adds a contribution at business time {@code now}.
     *
     * @param leaving told of every instant at which flows now leave the window (the caller's timer)
     * @param dayExpiry told of every instant at which a new issue date stops mattering
     */
    public void add(KpiDelta delta, long now, LongConsumer leaving, LongConsumer dayExpiry) {
        if (delta.stocks() != null) {
            store.putStocks(nonZeroOrNull(plus(store.stocks(), delta.stocks(), Stock.COUNT)));
        }
        if (delta.flows() != null) {
            long exactlyAt = delta.origin() + settings.windowMillis();
            if (exactlyAt > now) {
                long leavesAt = leavingKey.applyAsLong(exactlyAt);
                store.putRunning(nonZeroOrNull(plus(store.running(), delta.flows(), Flow.COUNT)));
                long[] before = store.leaving(leavesAt);
                long[] after = nonZeroOrNull(plus(before, delta.flows(), Flow.COUNT));
                if (after == null) {
                    store.removeLeaving(leavesAt);
                } else {
                    store.putLeaving(leavesAt, after);
                    if (before == null) {
                        leaving.accept(leavesAt);
                    }
                }
            }
        }
        if (delta.days() != null) {
            long[] before = store.day(delta.epochDay());
            long[] after = nonZeroOrNull(plus(before, delta.days(), DayMeasure.COUNT));
            if (after == null) {
                store.removeDay(delta.epochDay());
            } else {
                store.putDay(delta.epochDay(), after);
                if (before == null) {
                    dayExpiry.accept(dayExpiresAt(delta.epochDay()));
                }
            }
        }
    }

    /** Business time reached {@code at}: the flows of (at - W days) leave the window. */
    public void leave(long at) {
        long[] flows = store.leaving(at);
        if (flows != null) {
            store.removeLeaving(at);
            store.putRunning(nonZeroOrNull(plus(store.running(), KpiDelta.negate(flows), Flow.COUNT)));
        }
    }

    /** Business time reached {@code at}: issue dates that no formula reaches any more are forgotten. */
    public void forgetDaysBefore(long at) {
        List<Long> stale = new ArrayList<>();
        for (Map.Entry<Long, long[]> day : store.days()) {
            if (dayExpiresAt(day.getKey()) <= at) {
                stale.add(day.getKey());
            }
        }
        stale.forEach(store::removeDay);
    }

    public KpiValues values(long asOf) {
        return KpiFormulas.compute(orZero(store.stocks(), Stock.COUNT), orZero(store.running(), Flow.COUNT),
                store.sortedDays(),
                settings.calendar().dateOf(asOf).toEpochDay(), settings.windowDays());
    }

    /** All the accumulated contributions as deltas to {@code scope} at {@code now}, to move them elsewhere. */
    public List<KpiDelta> contents(KpiScope scope, String scopeId, long now) {
        List<KpiDelta> contents = new ArrayList<>();
        long[] stocks = store.stocks();
        if (stocks != null) {
            contents.add(new KpiDelta(scope, scopeId, now, stocks, now, null, 0, null));
        }
        for (Map.Entry<Long, long[]> entry : store.leavingEntries()) {
            contents.add(new KpiDelta(scope, scopeId, now, null, entry.getKey() - settings.windowMillis(),
                    entry.getValue(), 0, null));
        }
        for (Map.Entry<Long, long[]> day : store.days()) {
            contents.add(new KpiDelta(scope, scopeId, now, null, now, null, day.getKey(), day.getValue()));
        }
        return contents;
    }

    private long dayExpiresAt(long epochDay) {
        return dayExpiresAt(epochDay, settings);
    }

    /** When the measures of an issue date stop mattering to any formula: the start of a day. */
    static long dayExpiresAt(long epochDay, KpiSettings settings) {
        return settings.calendar().startOf(java.time.LocalDate.ofEpochDay(
                epochDay + KpiFormulas.daysKept(settings.windowDays())));
    }

    static long[] plus(long[] base, long[] delta, int length) {
        long[] sum = new long[length];
        if (base != null) {
            System.arraycopy(base, 0, sum, 0, Math.min(base.length, length));
        }
        for (int i = 0; i < Math.min(delta.length, length); i++) {
            sum[i] += delta[i];
        }
        return sum;
    }

    private static long[] orZero(long[] values, int length) {
        return values == null ? new long[length] : plus(null, values, length);
    }

    private static long[] nonZeroOrNull(long[] values) {
        for (long value : values) {
            if (value != 0) {
                return values;
            }
        }
        return null;
    }
}
