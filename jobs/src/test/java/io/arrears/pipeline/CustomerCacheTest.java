package io.arrears.pipeline;

import static io.arrears.testing.Events.issued;
import static io.arrears.testing.Events.received;
import static io.arrears.testing.Events.to;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The ledger keeps its recent customers' state on the heap ({@link LedgerHarness#CACHED_CUSTOMERS} of them
 * here): what RocksDB holds, read directly under each key, shows when it is written back.
 */
class CustomerCacheTest extends LedgerHarnessTest {

    private boolean invoiceInState(String customerId, String invoiceId) throws Exception {
        ledger.harness.getOperator().setCurrentKey(customerId);
        return ledger.function.state.invoices.contains(invoiceId);
    }

    @Test
    void theLeastRecentlyWokenCustomerIsWrittenBackWhenAnotherTakesItsPlace() throws Exception {
        ledger.send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                issued("C2", "INV-2", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:01:00Z"));
        ledger.advanceTo("2026-01-01T10:01:00Z");
        assertThat(invoiceInState("C1", "INV-1")).as("both customers fit on the heap").isFalse();
        assertThat(invoiceInState("C2", "INV-2")).isFalse();

        ledger.send(issued("C3", "INV-3", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:02:00Z"));
        ledger.advanceTo("2026-01-01T10:02:00Z");
        assertThat(invoiceInState("C1", "INV-1")).as("C1 left the heap for C3").isTrue();
        assertThat(invoiceInState("C2", "INV-2")).isFalse();
        assertThat(invoiceInState("C3", "INV-3")).isFalse();
        assertThat(ledger.function.state.cache.size()).isEqualTo(2);
    }

    @Test
    void aCheckpointBarrierWritesEveryChangeBackAndACustomerReadBackGoesOnWhereItWas() throws Exception {
        ledger.send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                issued("C2", "INV-2", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:01:00Z"));
        ledger.advanceTo("2026-01-01T10:01:00Z");
        ledger.harness.prepareSnapshotPreBarrier(7);
        assertThat(invoiceInState("C1", "INV-1")).isTrue();
        assertThat(invoiceInState("C2", "INV-2")).isTrue();

        ledger.send(issued("C3", "INV-3", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:02:00Z"),
                received("C1", "P1", 60_00, "2026-01-02T10:00:00Z", to("INV-1", 60_00)));
        ledger.advanceTo("2026-01-02T10:00:00Z");
        assertThat(ledger.lastSnapshot().customerId()).isEqualTo("C1");
        assertThat(ledger.lastSnapshot().arTotal()).as("INV-1 read back from RocksDB, then paid in part")
                .isEqualTo(40_00);
    }
}
