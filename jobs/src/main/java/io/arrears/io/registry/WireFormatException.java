package io.arrears.io.registry;

import java.io.IOException;

import io.arrears.model.ReasonCode;

/**
 * The bytes are not a record in the registry's wire format ({@link ReasonCode#DECODE}), or name a schema the
 * registry does not have or that is not Avro ({@link ReasonCode#SCHEMA}). The record is bad, not the registry: it
 * goes to the dead-letter topic.
 */
public final class WireFormatException extends IOException {

    private final ReasonCode reasonCode;

    public WireFormatException(ReasonCode reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    public ReasonCode reasonCode() {
        return reasonCode;
    }
}
