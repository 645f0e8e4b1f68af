package io.arrears.io.registry;

import java.io.IOException;

/**
 * The schema registry could not answer (unreachable, overloaded, credentials refused): a fault of the service,
 * not of the record, so the reader fails and is retried from its last checkpoint instead of dead-lettering
 * good records. Every other IOException while decoding is the record's (a corrupt body).
 */
public final class RegistryUnavailableException extends IOException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
