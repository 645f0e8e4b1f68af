package io.arrears.pipeline;

import java.time.Duration;
import java.time.ZoneId;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.kpi.KpiSettings;
import io.arrears.ledger.BusinessCalendar;

/**
 * What the collections topology needs besides its inputs and outputs.
 *
 * @param customerFlushInterval how often (wall time) a changed customer's snapshot goes on; null: only at the
 *     end of a bounded input (replay, whose output is the last one)
 * @param horizon the last business instant at which deadlines fire: Long.MAX_VALUE live, --as-of in replay
 * @param cachedCustomers how many customers a ledger subtask keeps on the heap
 */
public record CollectionsSettings(
        BusinessCalendar calendar,
        Duration retention,
        Duration dedupRetention,
        Duration customerFlushInterval,
        KpiSettings kpis,
        long horizon,
        int cachedCustomers) {

    public static CollectionsSettings live(ArrearsConfig config) {
        return new CollectionsSettings(new BusinessCalendar(ZoneId.of(config.get(ArrearsOptions.TIME_ZONE))),
                config.get(ArrearsOptions.LEDGER_RETENTION),
                config.get(ArrearsOptions.LEDGER_DEDUP_RETENTION),
                config.get(ArrearsOptions.CUSTOMER_FLUSH_INTERVAL),
                config.kpiSettings(),
                Long.MAX_VALUE,
                config.get(ArrearsOptions.LEDGER_CACHE_CUSTOMERS));
    }

    /** A replay's: business time ends at {@code asOf}, and each customer's last snapshot is the one written. */
    public static CollectionsSettings replay(ArrearsConfig config, long asOf) {
        CollectionsSettings live = live(config);
        return new CollectionsSettings(live.calendar, live.retention, live.dedupRetention, null, live.kpis, asOf,
                live.cachedCustomers);
    }

    public CollectionsSettings withCachedCustomers(int customers) {
        return new CollectionsSettings(calendar, retention, dedupRetention, customerFlushInterval, kpis, horizon,
                customers);
    }

    public CollectionsSettings withHorizon(long asOf) {
        return new CollectionsSettings(calendar, retention, dedupRetention, customerFlushInterval, kpis, asOf,
                cachedCustomers);
    }
}
