package io.arrears.kpi;

/** Who a set of KPIs is about. */
public enum KpiScope {
    /** Every customer; scopeId "all". */
    PORTFOLIO,
    /** The customers now in a segment; scopeId "unknown" before a customer's master data arrived. */
    SEGMENT,
    /** The customers a collector now looks after; scopeId "unassigned" for those without one. */
    COLLECTOR,
    /** One customer: its KPIs go into its arrears-customers document. */
    CUSTOMER;

    public static final String ALL = "all";
    public static final String UNKNOWN_SEGMENT = "unknown";
    public static final String UNASSIGNED = "unassigned";
}
