package io.arrears.notify;

import io.arrears.model.Severity;

/**
 * One alert transition as read from ar.alerts: what a message shows and a generic webhook receives.
 *
 * @param amount the amount at stake as a decimal string, null when the alert has none
 * @param triggeredAt ISO-8601 business time of the transition
 */
public record MessageAlert(String alertId, String alertType, String status, String severity, String customerId,
                           String invoiceId, String disputeId, String collectorId, String segment, String amount,
                           String currency, Integer stageDays, String triggeredAt, String message) {

    public String transitionKey() {
        return alertId + "/" + status;
    }

    public Severity severityLevel() {
        return Severity.valueOf(severity);
    }

    /** Critical alerts that open go out at once; everything else waits for the digest. */
    public boolean urgent() {
        return severityLevel() == Severity.CRITICAL && status.equals("OPEN");
    }
}
