package io.arrears.model;

/** An event breaks the event contract (docs/events.md); it goes to the dead-letter topic with this message. */
public final class ContractViolation extends RuntimeException {

    private final ReasonCode reasonCode;

    public ContractViolation(String message) {
        this(ReasonCode.CONTRACT, message);
    }

    public ContractViolation(ReasonCode reasonCode, String message) {
        super(message, null, false, false);
        this.reasonCode = reasonCode;
    }

    public ReasonCode reasonCode() {
        return reasonCode;
    }
}
