package io.arrears.kpi;

import java.util.function.Function;

/**
 * Every KPI by the name the definitions, documents, dashboards and the batch reference use, with its unit.
 * The one list that documents and mappings are checked against.
 */
public enum KpiField {
    AR_TOTAL("arTotal", Unit.MONEY, KpiValues::arTotal),
    AR_CURRENT("arCurrent", Unit.MONEY, KpiValues::arCurrent),
    AR_1_TO_30("ar1to30", Unit.MONEY, KpiValues::ar1to30),
    AR_31_TO_60("ar31to60", Unit.MONEY, KpiValues::ar31to60),
    AR_61_TO_90("ar61to90", Unit.MONEY, KpiValues::ar61to90),
    AR_OVER_90("arOver90", Unit.MONEY, KpiValues::arOver90),
    PAST_DUE_RATIO("pastDueRatio", Unit.RATIO, KpiValues::pastDueRatio),
    OVER_90_RATIO("over90Ratio", Unit.RATIO, KpiValues::over90Ratio),
    CREDIT_SALES("creditSales", Unit.MONEY, KpiValues::creditSales),
    DSO("dso", Unit.DAYS, KpiValues::dso),
    BEST_POSSIBLE_DSO("bestPossibleDso", Unit.DAYS, KpiValues::bestPossibleDso),
    AVERAGE_DAYS_DELINQUENT("averageDaysDelinquent", Unit.DAYS, KpiValues::averageDaysDelinquent),
    COUNTBACK_DSO("countbackDso", Unit.DAYS, KpiValues::countbackDso),
    BEGIN_AR("beginAr", Unit.MONEY, KpiValues::beginAr),
    CEI("cei", Unit.PERCENT, KpiValues::cei),
    COLLECTIONS("collections", Unit.MONEY, KpiValues::collections),
    UNAPPLIED_CASH("unappliedCash", Unit.MONEY, KpiValues::unappliedCash),
    UNAPPLIED_CASH_RATIO("unappliedCashRatio", Unit.RATIO, KpiValues::unappliedCashRatio),
    WRITE_OFFS("writeOffs", Unit.MONEY, KpiValues::writeOffs),
    BAD_DEBT_RATIO("badDebtRatio", Unit.RATIO, KpiValues::badDebtRatio),
    INVOICES_PAID("invoicesPaid", Unit.COUNT, KpiValues::invoicesPaid),
    AVG_DAYS_TO_PAY("avgDaysToPay", Unit.DAYS, KpiValues::avgDaysToPay),
    AVG_DAYS_BEYOND_TERMS("avgDaysBeyondTerms", Unit.DAYS, KpiValues::avgDaysBeyondTerms),
    PAID_WITHIN_TERMS_RATIO("paidWithinTermsRatio", Unit.RATIO, KpiValues::paidWithinTermsRatio),
    COLLECTED_WITHIN_30_DAYS_RATIO("collectedWithin30DaysRatio", Unit.RATIO, KpiValues::collectedWithin30DaysRatio),
    OPEN_DISPUTES("openDisputes", Unit.COUNT, KpiValues::openDisputes),
    DISPUTED_AMOUNT("disputedAmount", Unit.MONEY, KpiValues::disputedAmount),
    DISPUTES_RESOLVED("disputesResolved", Unit.COUNT, KpiValues::disputesResolved),
    AVG_DISPUTE_RESOLUTION_DAYS("avgDisputeResolutionDays", Unit.DAYS, KpiValues::avgDisputeResolutionDays),
    DISPUTE_SLA_COMPLIANCE_RATIO("disputeSlaComplianceRatio", Unit.RATIO, KpiValues::disputeSlaComplianceRatio),
    FOLLOW_UP_COMPLIANCE_RATIO("followUpComplianceRatio", Unit.RATIO, KpiValues::followUpComplianceRatio),
    PROMISE_KEPT_RATIO("promiseKeptRatio", Unit.RATIO, KpiValues::promiseKeptRatio);

    /** How a value is written: MONEY in cents inside, a decimal amount outside. */
    public enum Unit {
        MONEY, COUNT, DAYS, RATIO, PERCENT
    }

    private final String fieldName;
    private final Unit unit;
    private final Function<KpiValues, Number> value;

    KpiField(String fieldName, Unit unit, Function<KpiValues, Number> value) {
        this.fieldName = fieldName;
        this.unit = unit;
        this.value = value;
    }

    public String fieldName() {
        return fieldName;
    }

    public Unit unit() {
        return unit;
    }

    /** The value, null for a ratio without denominator; MONEY in cents. */
    public Number of(KpiValues values) {
        return value.apply(values);
    }
}
