package io.arrears.kpi;

import java.time.Instant;

/** One scope's KPIs at one instant: a document of arrears-kpis and a line of a replay's kpis.jsonl. */
public record KpiSnapshot(KpiScope scope, String scopeId, long asOf, String currency, int windowDays,
                          KpiValues values) {

    /** scope:scopeId:asOf, asOf as an ISO-8601 instant: the same snapshot always has the same id. */
    public String id() {
        return scope + ":" + scopeId + ":" + Instant.ofEpochMilli(asOf);
    }
}
