package io.arrears.ledger;

import io.arrears.model.CollectionPolicy;

/** The collection policy in force for a segment at a business time. */
public interface PolicyBook {

    CollectionPolicy policyFor(String segment, long at);
}
