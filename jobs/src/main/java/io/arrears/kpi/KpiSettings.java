package io.arrears.kpi;

import java.io.Serializable;
import java.time.Duration;

import io.arrears.ledger.BusinessCalendar;

/**
 * How KPIs are computed and published.
 *
 * @param enabled false computes no KPIs at all (for comparing throughput)
 * @param windowDays W in the definitions
 * @param interval the spacing of the scope snapshots in business time
 */
public record KpiSettings(boolean enabled, int windowDays, Duration interval, CurrencyRates rates,
                          BusinessCalendar calendar) implements Serializable {

    public KpiSettings {
        if (windowDays < 1) {
            throw new IllegalArgumentException("the KPI window must be at least one day, not " + windowDays);
        }
        if (interval.toMillis() < 1000) {
            throw new IllegalArgumentException("the KPI interval must be at least one second, not " + interval);
        }
    }

    public long windowMillis() {
        return windowDays * 86_400_000L;
    }

    /** The first snapshot boundary at or after {@code at}: boundaries are multiples of the interval since the epoch. */
    public long boundaryAtOrAfter(long at) {
        long step = interval.toMillis();
        return Math.floorDiv(at + step - 1, step) * step;
    }
}
