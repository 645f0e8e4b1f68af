package io.arrears.ledger;

/** OPEN, or how an invoice closed. */
public enum InvoiceStatus {
    OPEN("open"),
    PAID("paid"),
    CREDITED("credited to zero"),
    CANCELLED("cancelled"),
    WRITTEN_OFF("written off");

    private final String description;

    InvoiceStatus(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
