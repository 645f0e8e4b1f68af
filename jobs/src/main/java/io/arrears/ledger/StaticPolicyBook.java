package io.arrears.ledger;

import java.io.Serializable;
import java.util.Map;

import io.arrears.model.CollectionPolicy;

/** Fixed policies by segment; segments without one follow "*", and without "*" the documented defaults. */
public final class StaticPolicyBook implements PolicyBook, Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, CollectionPolicy> bySegment;

    public StaticPolicyBook(Map<String, CollectionPolicy> bySegment) {
        this.bySegment = Map.copyOf(bySegment);
    }

    public static StaticPolicyBook defaults() {
        return new StaticPolicyBook(Map.of());
    }

    @Override
    public CollectionPolicy policyFor(String segment, long at) {
        CollectionPolicy own = segment == null ? null : bySegment.get(segment);
        if (own != null) {
            return own;
        }
        return bySegment.getOrDefault(CollectionPolicy.DEFAULT_SEGMENT, CollectionPolicy.DEFAULTS);
    }
}
