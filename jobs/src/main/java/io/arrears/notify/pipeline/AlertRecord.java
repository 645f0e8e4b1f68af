package io.arrears.notify.pipeline;

import io.arrears.ingest.DeadLetter;
import io.arrears.notify.MessageAlert;

/** A record of ar.alerts: the alert, or why it could not be read. */
public record AlertRecord(MessageAlert alert, DeadLetter deadLetter) {
}
