package io.arrears.model;

/**
 * Master data of a customer. Amounts in cents.
 *
 * @param collectorId null when no collector is assigned
 * @param creditLimitCents null when the customer has no credit limit
 * @param eventTime epoch milliseconds (business time)
 */
public record CustomerUpdated(
        String eventId,
        String customerId,
        String name,
        String segment,
        String region,
        String collectorId,
        Long creditLimitCents,
        String currency,
        int paymentTermsDays,
        long eventTime) implements CustomerScoped {
}
