package io.arrears.pipeline;

import static io.arrears.testing.Events.call;
import static io.arrears.testing.Events.customer;
import static io.arrears.testing.Events.dispute;
import static io.arrears.testing.Events.issued;
import static io.arrears.testing.Events.promise;
import static io.arrears.testing.Events.received;
import static io.arrears.testing.Events.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

import io.arrears.kpi.CurrencyRates;
import io.arrears.kpi.KpiDelta;
import io.arrears.kpi.KpiSettings;
import io.arrears.ledger.BusinessCalendar;
import io.arrears.model.CustomerEvent;
import io.arrears.model.DisputeEventType;

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

    @Test
    void eventIdsLeaveStateOnceTheirRetentionHasPassedInBusinessTime() throws Exception {
        CustomerEvent first = issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z");
        CustomerEvent second = issued("C1", "INV-2", 100_00, "2026-01-09", "2026-02-08", "2026-01-09T10:00:00Z");
        ledger.send(first);
        ledger.advanceTo("2026-01-01T10:00:00Z");
        ledger.send(second);
        ledger.advanceTo("2026-01-09T10:00:00Z");
        ledger.harness.prepareSnapshotPreBarrier(3);

        ledger.harness.getOperator().setCurrentKey("C1");
        assertThat(ledger.function.state.seen.contains(first.eventId())).as("8 days ago, retention 7").isFalse();
        assertThat(ledger.function.state.seen.get(second.eventId())).isEqualTo(second.eventTime());
    }

    /**
     * Six customers through 150 days of invoices, payments in full and in part, disputes, promises and calls: a
     * ledger that keeps two of them on the heap (they come and go, so its maps are read an entry at a time) gives
     * what one that keeps them all gives (their maps read whole), alert by alert and snapshot by snapshot.
     */
    @Test
    void customersThatComeAndGoGiveTheSameResultsAsCustomersThatStay() throws Exception {
        List<CustomerEvent> history = history();
        KpiSettings kpis = new KpiSettings(true, 90, Duration.ofHours(1), CurrencyRates.parse("USD", ""),
                BusinessCalendar.utc());
        try (LedgerHarness few = new LedgerHarness(null, kpis, 2);
             LedgerHarness all = new LedgerHarness(null, kpis, 1_000)) {
            for (LedgerHarness ledger : List.of(few, all)) {
                for (CustomerEvent event : history) {
                    ledger.send(event);
                    ledger.advanceTo(event.eventTime() - 1);
                }
                ledger.advanceTo("2026-07-01T00:00:00Z");
            }
            assertThat(few.function.state.cache.settled()).as("customers come and go").isFalse();
            assertThat(all.function.state.cache.settled()).as("customers stay").isTrue();
            assertThat(few.alerts()).hasSizeGreaterThan(20).isEqualTo(all.alerts());
            assertThat(sideOutput(few, LedgerFunction.SNAPSHOTS)).isEqualTo(sideOutput(all, LedgerFunction.SNAPSHOTS));
            assertThat(kpiDeltas(few)).hasSizeGreaterThan(100).isEqualTo(kpiDeltas(all));
            for (int c = 0; c < 6; c++) {
                Map<String, Object> fewState = few.stateOf("C" + c);
                Map<String, Object> allState = all.stateOf("C" + c);
                assertThat(fewState.keySet()).isEqualTo(allState.keySet());
                for (String name : allState.keySet()) {
                    assertThat(comparable(fewState.get(name))).as(name).isEqualTo(comparable(allState.get(name)));
                }
            }
        }
    }

    private static List<CustomerEvent> history() {
        List<CustomerEvent> events = new ArrayList<>();
        LocalDate start = LocalDate.parse("2026-01-01");
        for (int c = 0; c < 6; c++) {
            events.add(customer("C" + c, c % 2 == 0 ? "SMB" : "ENTERPRISE", "col-1", 5_000_00L,
                    "2026-01-01T00:0" + c + ":00Z"));
        }
        for (int day = 0; day < 150; day++) {
            LocalDate date = start.plusDays(day);
            for (int c = 0; c < 6; c++) {
                String id = "C" + c;
                String at = Instant.parse(date + "T10:00:00Z").plusSeconds(60L * c).toString();
                events.add(issued(id, id + "-INV-" + day, 100_00 + c, date.toString(), date.plusDays(30).toString(),
                        at));
                if (day >= 20 && c < 4) {
                    long paid = c == 1 ? 60_00 : 100_00 + c;
                    String payAt = Instant.parse(at).plusSeconds(3_600).toString();
                    events.add(received(id, id + "-P-" + day, paid, payAt, to(id + "-INV-" + (day - 20), paid)));
                }
                if (day % 25 == 5 && c == 4) {
                    String disputeAt = Instant.parse(at).plusSeconds(7_200).toString();
                    events.add(dispute(DisputeEventType.OPENED, id, id + "-D-" + day, id + "-INV-" + (day - 5), 50_00,
                            disputeAt));
                }
                if (day % 10 == 3 && c == 5) {
                    String promiseAt = Instant.parse(at).plusSeconds(7_200).toString();
                    events.add(promise(id, id + "-INV-" + (day - 3), 50_00, date.plusDays(5).toString(), promiseAt));
                    events.add(call(id, id + "-INV-" + (day - 2), Instant.parse(promiseAt).plusSeconds(60).toString()));
                }
            }
        }
        events.sort(java.util.Comparator.comparingLong(CustomerEvent::eventTime));
        return events;
    }

    /** Keys as a set (the order of a walk of RocksDB depends on its files), arrays by their contents. */
    private static Object comparable(Object value) {
        if (value instanceof Iterable<?> values) {
            java.util.Set<Object> set = new java.util.HashSet<>();
            values.forEach(v -> set.add(comparable(v)));
            return set;
        }
        return value instanceof long[] array ? Arrays.toString(array) : value;
    }

    private static List<String> kpiDeltas(LedgerHarness ledger) {
        return sideOutput(ledger, LedgerFunction.KPI_DELTAS).stream().map(KpiDelta.class::cast)
                .map(d -> d.scopeKey() + "@" + d.at() + " stocks " + Arrays.toString(d.stocks()) + " origin "
                        + d.origin() + " flows " + Arrays.toString(d.flows()) + " day " + d.epochDay() + " "
                        + Arrays.toString(d.days()))
                .toList();
    }

    private static List<Object> sideOutput(LedgerHarness ledger, org.apache.flink.util.OutputTag<?> tag) {
        List<Object> values = new ArrayList<>();
        if (ledger.harness.getSideOutput(tag) != null) {
            ledger.harness.getSideOutput(tag).forEach(r -> values.add(((StreamRecord<?>) r).getValue()));
        }
        return values;
    }
}
