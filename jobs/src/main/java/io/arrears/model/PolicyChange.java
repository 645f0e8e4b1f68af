package io.arrears.model;

/**
 * Tells one customer's ledger that a policy version affecting its segment is in force from {@code eventTime},
 * so that it computes its pending deadlines again at that business time.
 */
public record PolicyChange(String customerId, CollectionPolicy policy) implements CustomerScoped {

    @Override
    public String eventId() {
        return "policy-change:" + policy.policyId() + ":" + policy.segment();
    }

    @Override
    public long eventTime() {
        return policy.eventTime();
    }
}
