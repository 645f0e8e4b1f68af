package io.arrears.model;

/** An event breaks the event contract (docs/events.md); it goes to the dead-letter topic with this message. */
public final class ContractViolation extends RuntimeException {

    public ContractViolation(String message) {
        super(message, null, false, false);
    }
}
