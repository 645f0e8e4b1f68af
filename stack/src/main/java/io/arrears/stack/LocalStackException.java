package io.arrears.stack;

/** A service of the local stack could not start; the message names the service, the cause and its log tail. */
public final class LocalStackException extends RuntimeException {
    private final Service service;

    public LocalStackException(Service service, String message) {
        super(service.displayName() + " " + message);
        this.service = service;
    }

    public LocalStackException(Service service, String message, Throwable cause) {
        super(service.displayName() + " " + message, cause);
        this.service = service;
    }

    public Service service() {
        return service;
    }
}
