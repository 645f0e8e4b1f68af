package io.arrears.kpi;

/**
 * A signed contribution of one customer to one scope's KPIs, at business time {@code at}. Each part is
 * optional (null): stock changes; flows that belong to the instant {@code origin} (usually {@code at}; earlier
 * when a paid invoice is re-opened and its payment no longer counts); measures of the issue date
 * {@code epochDay}.
 */
public record KpiDelta(
        KpiScope scope,
        String scopeId,
        long at,
        long[] stocks,
        long origin,
        long[] flows,
        long epochDay,
        long[] days) {

    public String scopeKey() {
        return scope.key(scopeId);
    }

    /** The same contribution, to another scope. */
    public KpiDelta in(KpiScope newScope, String newScopeId) {
        return new KpiDelta(newScope, newScopeId, at, stocks, origin, flows, epochDay, days);
    }

    /** The opposite contribution: takes this one back. */
    public KpiDelta negated() {
        return new KpiDelta(scope, scopeId, at, negate(stocks), origin, negate(flows), epochDay, negate(days));
    }

    static long[] negate(long[] values) {
        if (values == null) {
            return null;
        }
        long[] negated = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            negated[i] = -values[i];
        }
        return negated;
    }
}
