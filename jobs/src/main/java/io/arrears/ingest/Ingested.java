package io.arrears.ingest;

import io.arrears.model.CollectionPolicy;
import io.arrears.model.CustomerEvent;

/**
 * What the decoding of one input record gives: a customer event, a policy, or a dead letter. Exactly one of
 * the fields is set. Decoding happens in the source so that event time, and with it the watermark, is taken
 * per partition from the decoded event.
 */
public record Ingested(CustomerEvent event, CollectionPolicy policy, DeadLetter deadLetter) {

    /** A tick of the live business clock: it carries only its timestamp, and with it a watermark. */
    public static final Ingested TICK = new Ingested(null, null, null);

    public static Ingested of(CustomerEvent event) {
        return new Ingested(event, null, null);
    }

    public static Ingested of(CollectionPolicy policy) {
        return new Ingested(null, policy, null);
    }

    public static Ingested of(DeadLetter deadLetter) {
        return new Ingested(null, null, deadLetter);
    }

    /**
     * Business time of the record. Dead letters have none: they get Long.MIN_VALUE, which never moves a
     * watermark.
     */
    public long eventTime() {
        if (event != null) {
            return event.eventTime();
        }
        return policy != null ? policy.eventTime() : Long.MIN_VALUE;
    }
}
