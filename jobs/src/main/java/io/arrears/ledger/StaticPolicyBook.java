package io.arrears.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.arrears.model.CollectionPolicy;

/** A fixed set of policy versions, for tests and tools; the job's book follows the policy stream. */
public final class StaticPolicyBook implements PolicyBook {

    private final Map<String, List<CollectionPolicy>> bySegment = new HashMap<>();

    public StaticPolicyBook(CollectionPolicy... versions) {
        for (CollectionPolicy version : versions) {
            bySegment.put(version.segment(), PolicyVersions.with(bySegment.get(version.segment()), version));
        }
    }

    public static StaticPolicyBook defaults() {
        return new StaticPolicyBook();
    }

    @Override
    public CollectionPolicy policyFor(String segment, long at) {
        return PolicyVersions.inForce(bySegment::get, segment, at);
    }
}
