package io.arrears.notify;

/**
 * How one attempt to send a message ended.
 *
 * @param retryable whether trying again may help (a timeout, a 5xx, a mail server that is down); a 4xx answer or
 *        a refused address will not get better
 */
public record DeliveryOutcome(Message message, boolean delivered, boolean retryable, String reason) {

    public static DeliveryOutcome delivered(Message message) {
        return new DeliveryOutcome(message, true, false, null);
    }

    public static DeliveryOutcome failed(Message message, boolean retryable, String reason) {
        return new DeliveryOutcome(message, false, retryable, reason);
    }
}
