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
 * @param horizon the last business instant at which deadlines fire: Long.MAX_VALUE live, --as-of in replay
 */
public record CollectionsSettings(
        BusinessCalendar calendar,
        Duration retention,
        Duration dedupRetention,
        Duration customerFlushInterval,
        KpiSettings kpis,
        long horizon) {

    public static CollectionsSettings live(ArrearsConfig config) {
        return new CollectionsSettings(new BusinessCalendar(ZoneId.of(config.get(ArrearsOptions.TIME_ZONE))),
                config.get(ArrearsOptions.LEDGER_RETENTION),
                config.get(ArrearsOptions.LEDGER_DEDUP_RETENTION),
                config.get(ArrearsOptions.CUSTOMER_FLUSH_INTERVAL),
                config.kpiSettings(),
                Long.MAX_VALUE);
    }

    public CollectionsSettings withHorizon(long asOf) {
        return new CollectionsSettings(calendar, retention, dedupRetention, customerFlushInterval, kpis, asOf);
    }
}
