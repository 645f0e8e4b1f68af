package io.arrears.notify;

import java.util.List;

/**
 * What one channel receives at once: one critical alert, or a digest of several.
 *
 * @param idempotencyKey the same for the same alert transitions to the same channel, however often it is sent:
 *        webhooks carry it as the Idempotency-Key header, emails in their Message-ID
 */
public record Message(Channel channel, String idempotencyKey, String subject, String text,
                      List<MessageAlert> alerts) {
}
