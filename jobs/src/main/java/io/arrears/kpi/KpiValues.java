package io.arrears.kpi;

/**
 * The KPIs of one scope at one instant, as docs/kpis.md defines them. Amounts in reporting-currency cents;
 * a ratio whose denominator is zero is null.
 */
public record KpiValues(
        long arTotal,
        long arCurrent,
        long ar1to30,
        long ar31to60,
        long ar61to90,
        long arOver90,
        Double pastDueRatio,
        Double over90Ratio,
        long creditSales,
        Double dso,
        Double bestPossibleDso,
        Double averageDaysDelinquent,
        double countbackDso,
        long beginAr,
        Double cei,
        long collections,
        long unappliedCash,
        Double unappliedCashRatio,
        long writeOffs,
        Double badDebtRatio,
        long invoicesPaid,
        Double avgDaysToPay,
        Double avgDaysBeyondTerms,
        Double paidWithinTermsRatio,
        Double collectedWithin30DaysRatio,
        long openDisputes,
        long disputedAmount,
        long disputesResolved,
        Double avgDisputeResolutionDays,
        Double disputeSlaComplianceRatio,
        Double followUpComplianceRatio,
        Double promiseKeptRatio) {
}
