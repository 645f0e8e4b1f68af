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

    /** "SCOPE:scopeId": how a scope is keyed in the job and remembered by a customer. */
    public String key(String scopeId) {
        return this + ":" + scopeId;
    }

    /** The scope of a {@link #key(String) key}. */
    public static KpiScope ofKey(String key) {
        return valueOf(key.substring(0, key.indexOf(':')));
    }

    /** The scopeId of a {@link #key(String) key}. */
    public static String idOfKey(String key) {
        return key.substring(key.indexOf(':') + 1);
    }
}
