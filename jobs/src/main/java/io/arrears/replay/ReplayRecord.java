package io.arrears.replay;

import io.arrears.io.files.ExternalSort;

/**
 * One output line of a replay, on its way to its file.
 *
 * @param kind alert, customer, kpi or deadletter
 * @param key what orders (alerts, KPI snapshots within an instant) or de-duplicates (customers) lines of a kind
 * @param order business time of an alert transition or KPI snapshot, the line number of a dead letter
 * @param revision a customer snapshot's revision
 */
public record ReplayRecord(String kind, String key, long order, long revision, String json) {

    static final String ALERT = "alert";
    static final String CUSTOMER = "customer";
    static final String KPI = "kpi";
    static final String DEAD_LETTER = "deadletter";

    /**
     * How the output files are ordered: alerts and KPI snapshots by time, then key; dead letters by line;
     * customers by id, then revision (the replay keeps the last of each customer).
     */
    String sortKey() {
        return switch (kind) {
            case CUSTOMER -> key + CUSTOMER_REVISION + ExternalSort.key(revision);
            case DEAD_LETTER -> ExternalSort.key(order);
            default -> ExternalSort.key(order) + key;
        };
    }

    /** Separates a customer's id from its revision in the sort key, and sorts before any printable character. */
    static final char CUSTOMER_REVISION = '\u0000';

    /** The customer id of a customer record's sort key. */
    static String customerOf(String sortKey) {
        return sortKey.substring(0, sortKey.length() - 17);
    }
}
