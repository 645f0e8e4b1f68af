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
}
