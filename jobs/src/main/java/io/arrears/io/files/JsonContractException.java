package io.arrears.io.files;

import io.arrears.model.ReasonCode;

/**
 * A replay line is not JSON ({@link ReasonCode#DECODE}) or does not follow the JSON form of the event contract
 * ({@link ReasonCode#SCHEMA}); the message says which field and why.
 */
public final class JsonContractException extends RuntimeException {

    private final ReasonCode reasonCode;

    public JsonContractException(String message) {
        this(ReasonCode.SCHEMA, message);
    }

    public JsonContractException(ReasonCode reasonCode, String message) {
        super(message, null, false, false);
        this.reasonCode = reasonCode;
    }

    public ReasonCode reasonCode() {
        return reasonCode;
    }
}
