package io.arrears.model;

/**
 * A customer's dispute of an invoice. Amount in cents, in the invoice's currency.
 *
 * @param resolution set on RESOLVED events
 * @param eventTime epoch milliseconds (business time)
 */
public record DisputeEvent(
        String eventId,
        DisputeEventType eventType,
        String disputeId,
        String invoiceId,
        String customerId,
        long amountCents,
        DisputeReason reasonCode,
        DisputeResolution resolution,
        long eventTime) implements CustomerScoped {
}
