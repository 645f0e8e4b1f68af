package io.arrears.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import io.arrears.model.CollectionPolicy;

/**
 * Which policy is in force: a segment's latest version with eventTime at or before the instant; a segment
 * without one follows the latest "*" version in force; without any, the documented defaults.
 */
public final class PolicyVersions {

    private PolicyVersions() {
    }

    /** @param versionsOf a segment's versions in eventTime order, or null when it has none */
    public static CollectionPolicy inForce(Function<String, List<CollectionPolicy>> versionsOf, String segment,
                                           long at) {
        CollectionPolicy own = segment == null ? null : latest(versionsOf.apply(segment), at);
        if (own != null) {
            return own;
        }
        CollectionPolicy fallback = latest(versionsOf.apply(CollectionPolicy.DEFAULT_SEGMENT), at);
        return fallback != null ? fallback : CollectionPolicy.DEFAULTS;
    }

    private static CollectionPolicy latest(List<CollectionPolicy> versions, long at) {
        CollectionPolicy found = null;
        if (versions != null) {
            for (CollectionPolicy version : versions) {
                if (version.eventTime() <= at) {
                    found = version;
                }
            }
        }
        return found;
    }

    /** {@code versions} with {@code added}, in eventTime order; a re-delivered policyId replaces itself. */
    public static List<CollectionPolicy> with(List<CollectionPolicy> versions, CollectionPolicy added) {
        List<CollectionPolicy> updated = new ArrayList<>();
        if (versions != null) {
            versions.stream().filter(v -> !v.policyId().equals(added.policyId())).forEach(updated::add);
        }
        updated.add(added);
        updated.sort(Comparator.comparingLong(CollectionPolicy::eventTime).thenComparing(CollectionPolicy::policyId));
        return updated;
    }
}
