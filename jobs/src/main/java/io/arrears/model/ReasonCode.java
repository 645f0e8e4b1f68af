package io.arrears.model;

/**
 * Why a record went to a dead-letter output, as a short machine-readable class (the dead letter's
 * {@code reasonCode}); its {@code error} says the rest in words. Written by name: add codes, never rename one.
 */
public enum ReasonCode {
    /** The bytes cannot be read at all: not the wire format, not JSON, a corrupt or cut Avro body, no value. */
    DECODE,
    /** Readable, but not as the job's record: an unknown schema id, a schema of another kind or record, missing fields. */
    SCHEMA,
    /** The record breaks a rule of the event contract (docs/events.md, "Validation"). */
    CONTRACT,
    /** The record, a field or a list is larger than a configured limit (the {@code ingest.*} options). */
    LIMIT,
    /** The eventTime lies further after the wall clock than {@code ingest.max-event-time-ahead}. */
    FUTURE,
    /** What the job made of the record could not be written to an output, which refused it. */
    UNWRITABLE
}
