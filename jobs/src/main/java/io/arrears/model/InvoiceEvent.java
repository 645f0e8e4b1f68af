package io.arrears.model;

import java.time.LocalDate;

/**
 * A change to an invoice. {@code amountCents} means the total (ISSUED, ADJUSTED), the credit (CREDITED) or the
 * amount written off (WRITTEN_OFF).
 *
 * @param poNumber null when the invoice quotes no purchase order
 * @param eventTime epoch milliseconds (business time)
 */
public record InvoiceEvent(
        String eventId,
        InvoiceEventType eventType,
        String invoiceId,
        String customerId,
        long amountCents,
        String currency,
        LocalDate issueDate,
        LocalDate dueDate,
        String poNumber,
        long eventTime) implements CustomerScoped {
}
