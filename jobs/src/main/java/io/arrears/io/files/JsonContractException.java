package io.arrears.io.files;

/** A replay line does not follow the JSON form of the event contract; the message says which field and why. */
public final class JsonContractException extends RuntimeException {

    public JsonContractException(String message) {
        super(message, null, false, false);
    }
}
