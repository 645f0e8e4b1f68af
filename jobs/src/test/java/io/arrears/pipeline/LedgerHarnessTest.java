package io.arrears.pipeline;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh ledger operator in a test harness for every test, closed after it. */
abstract class LedgerHarnessTest {

    protected LedgerHarness ledger;

    @BeforeEach
    void openLedger() throws Exception {
        ledger = new LedgerHarness();
    }

    @AfterEach
    void closeLedger() throws Exception {
        ledger.close();
    }
}
