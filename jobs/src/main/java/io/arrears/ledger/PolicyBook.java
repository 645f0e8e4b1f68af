package io.arrears.ledger;

import io.arrears.model.CollectionPolicy;

/** The collection policy in force for a segment at a business time. */
public interface PolicyBook {

    CollectionPolicy policyFor(String segment, long at);

    /**
     * This book with one more version known: a ledger told of a policy change can apply it even if the
     * policy itself reaches its book a moment later.
     */
    default PolicyBook including(CollectionPolicy version) {
        PolicyBook known = this;
        return (segment, at) -> {
            CollectionPolicy inForce = known.policyFor(segment, at);
            boolean ownInForce = segment != null && inForce.segment().equals(segment);
            boolean newer = version.eventTime() <= at && version.eventTime() >= inForce.eventTime();
            boolean applies = version.segment().equals(segment)
                    ? version.eventTime() <= at && (!ownInForce || newer)
                    : version.segment().equals(CollectionPolicy.DEFAULT_SEGMENT) && !ownInForce && newer;
            return applies ? version : inForce;
        };
    }
}
