package io.arrears.ledger;

/** Where the ledger reports what happened. */
public interface LedgerOutput {

    void alert(AlertTransition transition);
}
