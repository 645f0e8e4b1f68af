package io.arrears.model;

import java.util.List;

/**
 * Alert thresholds of one segment, in force from {@code eventTime}. Segment "*" is the default for segments
 * without a policy of their own. Defaults and meaning of every field: docs/policies.md.
 */
public record CollectionPolicy(
        String policyId,
        String segment,
        List<Integer> overdueStageDays,
        int graceDays,
        int disputeSlaDays,
        double disputeWarnRatio,
        int followUpSlaDays,
        int promiseGraceDays,
        double creditWarnUtilization,
        int unappliedCashMaxDays,
        int duplicateWindowDays,
        long eventTime) {

    public static final String DEFAULT_SEGMENT = "*";

    /** The policy of every segment until ar.policies says otherwise: the defaults of docs/policies.md. */
    public static final CollectionPolicy DEFAULTS = new CollectionPolicy("defaults", DEFAULT_SEGMENT,
            List.of(1, 30, 60, 90), 0, 7, 0.8, 5, 1, 0.9, 3, 30, Long.MIN_VALUE);
}
