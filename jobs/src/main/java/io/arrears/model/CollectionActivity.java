package io.arrears.model;

import java.time.LocalDate;

/**
 * Something a collector did or agreed with a customer.
 *
 * @param invoiceId null when the activity concerns the customer's whole account
 * @param collectorId null when unknown
 * @param promisedAmountCents PROMISE_TO_PAY only
 * @param promisedDate PROMISE_TO_PAY only
 * @param eventTime epoch milliseconds (business time)
 */
public record CollectionActivity(
        String eventId,
        ActivityType activityType,
        String customerId,
        String invoiceId,
        String collectorId,
        Long promisedAmountCents,
        LocalDate promisedDate,
        long eventTime) implements CustomerScoped {
}
