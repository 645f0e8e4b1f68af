package io.arrears.kpi;

/** Amounts and counts kept per invoice issue date: the windows they count in are calendar dates. */
public enum DayMeasure {
    /** Current totals of the invoices issued that day, cancelled ones excluded. */
    SALES,
    /** How many invoices (not cancelled) were issued that day. */
    INVOICES,
    /** Of those, how many are paid with a paid date at most 30 days after the issue date. */
    PAID_WITHIN_30_DAYS;

    static final int COUNT = values().length;
}
