package io.arrears.ledger;

/** The customer's current master data. */
public record CustomerProfile(
        String name,
        String segment,
        String region,
        String collectorId,
        Long creditLimitCents,
        String currency,
        int paymentTermsDays,
        long updatedAt) {
}
