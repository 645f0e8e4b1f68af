package io.arrears.ledger;

import static io.arrears.testing.Events.at;
import static io.arrears.testing.Events.issued;
import static io.arrears.testing.Events.received;
import static io.arrears.testing.Events.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/**
 * What the commonest events cost in state: store reads, writes and deadline changes per event, counted at the
 * ledger's store (an iteration counts once). The Flink adapter reads and writes each entry at most once per
 * wake-up of a key, and the profile, totals, occurrences and sequence all come from the customer's one book,
 * so these are upper bounds of its RocksDB round trips. The budgets are today's counts: a change that makes
 * an event cost more fails here, and one that makes it cost less should lower them.
 */
class LedgerStateBudgetTest {

    private static final Set<String> WRITE_PREFIXES = Set.of("put", "remove", "add", "mark", "clear");
    private static final Predicate<String> WRITES = name -> WRITE_PREFIXES.stream().anyMatch(name::startsWith);
    private static final Predicate<String> DEADLINES = name -> name.equals("schedule") || name.equals("cancel");
    private static final Predicate<String> READS = WRITES.or(DEADLINES).negate();

    private final LedgerDriver ledger = new LedgerDriver("C1");

    @Test
    void anIssuedInvoiceAndThePaymentThatSettlesItStayWithinTheirBudget() {
        ledger.send(issued("C1", "INV-0", 50_00, "2025-12-01", "2025-12-31", "2025-12-01T10:00:00Z"));
        ledger.advanceTo(at("2026-01-01T09:00:00Z"));

        ledger.resetCounts();
        ledger.send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"));
        ledger.advanceTo(at("2026-01-01T10:00:00Z"));
        // 13: one read of the totals is the capacity check (CustomerCapacity), a heap read in the job.
        assertBudget("an invoice issued", 13, 2, 1);

        ledger.advanceTo(at("2026-01-20T09:00:00Z"));
        ledger.resetCounts();
        ledger.send(received("C1", "P1", 100_00, "2026-01-20T10:00:00Z", to("INV-1", 100_00)));
        ledger.advanceTo(at("2026-01-20T10:00:00Z"));
        assertBudget("a payment that settles it", 17, 6, 3);
    }

    private void assertBudget(String what, int reads, int writes, int deadlineChanges) {
        assertThat(ledger.count(READS)).as("%s: store reads %s", what, ledger.counts).isLessThanOrEqualTo(reads);
        assertThat(ledger.count(WRITES)).as("%s: store writes %s", what, ledger.counts).isLessThanOrEqualTo(writes);
        assertThat(ledger.count(DEADLINES)).as("%s: deadline changes %s", what, ledger.counts)
                .isLessThanOrEqualTo(deadlineChanges);
    }
}
