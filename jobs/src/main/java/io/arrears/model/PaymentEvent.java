package io.arrears.model;

import java.util.List;

/**
 * Cash received from a customer and what happens to it. Amounts in cents.
 *
 * @param method null when unknown
 * @param allocations remittance advice (RECEIVED) or application (APPLIED); never null, may be empty
 * @param reversalReason set on REVERSED events, may be null
 * @param eventTime epoch milliseconds (business time)
 */
public record PaymentEvent(
        String eventId,
        PaymentEventType eventType,
        String paymentId,
        String customerId,
        long amountCents,
        String currency,
        PaymentMethod method,
        List<Allocation> allocations,
        ReversalReason reversalReason,
        long eventTime) implements CustomerScoped {
}
