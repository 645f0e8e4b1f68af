package io.arrears.ledger;

import io.arrears.model.AlertType;
import io.arrears.model.Severity;

/** An alert that is OPEN: what its RESOLVED transition must repeat. */
public record OpenAlert(
        String alertId,
        AlertType alertType,
        Severity severity,
        String invoiceId,
        String disputeId,
        String paymentId,
        Long amountCents,
        String currency,
        Integer stageDays,
        long raisedAt,
        String message) {
}
