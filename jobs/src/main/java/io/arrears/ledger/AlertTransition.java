package io.arrears.ledger;

import io.arrears.model.AlertStatus;
import io.arrears.model.AlertType;
import io.arrears.model.Severity;

/**
 * One transition of an alert, with the fields of the Alert record plus both instants, so that a store of
 * current alerts (Elasticsearch) can hold the whole alert in one document. Amount in cents.
 *
 * @param triggeredAt business time of this transition
 * @param raisedAt business time of the OPEN transition
 * @param resolvedAt business time of the RESOLVED transition, or null while open
 */
public record AlertTransition(
        String alertId,
        AlertType alertType,
        AlertStatus status,
        Severity severity,
        String customerId,
        String invoiceId,
        String disputeId,
        String paymentId,
        String collectorId,
        String segment,
        boolean disputed,
        Long amountCents,
        String currency,
        Integer stageDays,
        long triggeredAt,
        String message,
        long raisedAt,
        Long resolvedAt) {

    /** Grows with each transition of one alert, also when the same transition is computed again. */
    public long revision() {
        return triggeredAt * 2 + (status == AlertStatus.RESOLVED ? 1 : 0);
    }
}
