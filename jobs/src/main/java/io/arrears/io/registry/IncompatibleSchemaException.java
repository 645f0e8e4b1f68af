package io.arrears.io.registry;

import java.io.IOException;

/** The registry refused to register a schema, normally (status 409) because it breaks the subject's compatibility. */
public final class IncompatibleSchemaException extends IOException {

    private final int status;

    IncompatibleSchemaException(String subject, int status, String registryMessage) {
        super("the schema registry refused the schema for subject " + subject + " (HTTP " + status + ")"
                + (status == 409 ? ": it is not compatible with the versions already registered" : "")
                + ": " + registryMessage);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
