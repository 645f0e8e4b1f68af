package io.arrears.io.registry;

import java.io.IOException;

/**
 * The bytes are not a record in the registry's wire format, or name a schema the registry does not have. The
 * record is bad, not the registry: it goes to the dead-letter topic.
 */
public final class WireFormatException extends IOException {

    public WireFormatException(String message) {
        super(message);
    }
}
