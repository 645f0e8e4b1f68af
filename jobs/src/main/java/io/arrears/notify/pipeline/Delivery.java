package io.arrears.notify.pipeline;

import io.arrears.notify.Channel;
import io.arrears.notify.MessageAlert;

/** One alert transition bound for one channel. */
public record Delivery(Channel channel, MessageAlert alert) {
}
