package io.arrears.kpi;

import java.util.NavigableMap;

/**
 * The KPI definitions (docs/kpis.md) over a scope's components: stocks at T, flow sums over the window
 * (T - W days, T] and measures per issue date. Plain arithmetic; ratios are computed only here.
 */
public final class KpiFormulas {

    static final int COUNTBACK_SLICE_DAYS = 30;
    static final int COUNTBACK_SLICES = 12;
    static final int COLLECTED_WITHIN_DAYS = 30;
    private static final double MILLIS_PER_DAY = 86_400_000d;

    private KpiFormulas() {
    }

    /**
     * @param today the calendar date D of the as-of instant in the business time zone (epoch day)
     * @param days measures by issue date (epoch day); may hold dates outside the windows
     */
    public static KpiValues compute(long[] stocks, long[] flows, NavigableMap<Long, long[]> days, long today,
                                    int windowDays) {
        long arCurrent = stocks[Stock.AR_CURRENT.ordinal()];
        long arOver90 = stocks[Stock.AR_OVER_90.ordinal()];
        long arTotal = 0;
        for (int bucket = Stock.AR_CURRENT.ordinal(); bucket <= Stock.AR_OVER_90.ordinal(); bucket++) {
            arTotal += stocks[bucket];
        }
        long creditSales = sum(days, today - windowDays + 1, today, DayMeasure.SALES);
        Double dso = ratio(arTotal * (double) windowDays, creditSales);
        Double bestPossibleDso = ratio(arCurrent * (double) windowDays, creditSales);
        long beginAr = arTotal - flows[Flow.AR_CHANGE.ordinal()];
        long collections = flows[Flow.COLLECTIONS.ordinal()];
        long unapplied = stocks[Stock.UNAPPLIED_CASH.ordinal()];
        long writeOffs = flows[Flow.WRITE_OFFS.ordinal()];
        long paid = flows[Flow.INVOICES_PAID.ordinal()];
        long paidTotal = flows[Flow.PAID_TOTAL.ordinal()];
        long resolved = flows[Flow.DISPUTES_RESOLVED.ordinal()];
        long lastCheckedIssueDay = today - COLLECTED_WITHIN_DAYS;
        Double averageDaysDelinquent = dso == null ? null : dso - bestPossibleDso;
        Double cei = ratio((beginAr + creditSales - arTotal) * 100d, beginAr + creditSales - arCurrent);
        return new KpiValues(arTotal, arCurrent,
                stocks[Stock.AR_1_TO_30.ordinal()], stocks[Stock.AR_31_TO_60.ordinal()],
                stocks[Stock.AR_61_TO_90.ordinal()], arOver90,
                ratio(arTotal - arCurrent, arTotal), ratio(arOver90, arTotal),
                creditSales, dso, bestPossibleDso, averageDaysDelinquent,
                countbackDso(arTotal, days, today), beginAr, cei,
                collections, unapplied, ratio(unapplied, collections),
                writeOffs, ratio(writeOffs, creditSales),
                paid,
                ratio(flows[Flow.PAID_TOTAL_X_DAYS_TO_PAY.ordinal()], paidTotal),
                ratio(flows[Flow.PAID_TOTAL_X_DAYS_BEYOND_TERMS.ordinal()], paidTotal),
                ratio(flows[Flow.PAID_WITHIN_TERMS.ordinal()], paid),
                ratio(sum(days, lastCheckedIssueDay - windowDays + 1, lastCheckedIssueDay,
                                DayMeasure.PAID_WITHIN_30_DAYS),
                        sum(days, lastCheckedIssueDay - windowDays + 1, lastCheckedIssueDay, DayMeasure.INVOICES)),
                stocks[Stock.OPEN_DISPUTES.ordinal()], stocks[Stock.DISPUTED_AMOUNT.ordinal()],
                resolved,
                resolved == 0 ? null : flows[Flow.DISPUTE_RESOLUTION_MILLIS.ordinal()] / (double) resolved / MILLIS_PER_DAY,
                ratio(flows[Flow.DISPUTES_RESOLVED_WITHIN_SLA.ordinal()],
                        resolved + stocks[Stock.DISPUTES_PAST_SLA.ordinal()]),
                ratio(flows[Flow.FOLLOW_UPS_MADE.ordinal()], flows[Flow.FOLLOW_UP_CHECKS.ordinal()]),
                ratio(flows[Flow.PROMISES_KEPT.ordinal()], flows[Flow.PROMISE_CHECKS.ordinal()]));
    }

    /**
     * Days of the most recent sales that make up arTotal: 30-day slices back from today, a whole slice while
     * the rest of arTotal exceeds its sales, then the fraction; at most 12 slices.
     */
    static double countbackDso(long arTotal, NavigableMap<Long, long[]> days, long today) {
        double result = 0;
        long remaining = arTotal;
        for (int slice = 0; slice < COUNTBACK_SLICES && remaining > 0; slice++) {
            long last = today - (long) COUNTBACK_SLICE_DAYS * slice;
            long sales = sum(days, last - COUNTBACK_SLICE_DAYS + 1, last, DayMeasure.SALES);
            if (remaining > sales) {
                result += COUNTBACK_SLICE_DAYS;
                remaining -= sales;
            } else {
                result += COUNTBACK_SLICE_DAYS * (double) remaining / sales;
                remaining = 0;
            }
        }
        return result;
    }

    /** How many issue dates back the measures must be kept for every formula here. */
    static long daysKept(int windowDays) {
        return Math.max((long) COUNTBACK_SLICE_DAYS * COUNTBACK_SLICES, windowDays + COLLECTED_WITHIN_DAYS);
    }

    private static long sum(NavigableMap<Long, long[]> days, long from, long to, DayMeasure measure) {
        long total = 0;
        for (long[] values : days.subMap(from, true, to, true).values()) {
            total += values[measure.ordinal()];
        }
        return total;
    }

    private static Double ratio(double numerator, double denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
