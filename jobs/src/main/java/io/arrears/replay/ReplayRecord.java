package io.arrears.replay;

/**
 * One output line of a replay, on its way to the client that writes the files.
 *
 * @param kind alert, customer, kpi or deadletter
 * @param key what orders or de-duplicates lines of one kind
 * @param order business time of an alert transition or KPI snapshot, the line number of a dead letter
 * @param revision a customer snapshot's revision
 */
public record ReplayRecord(String kind, String key, long order, long revision, String json) {

    static final String ALERT = "alert";
    static final String CUSTOMER = "customer";
    static final String KPI = "kpi";
    static final String DEAD_LETTER = "deadletter";
}
