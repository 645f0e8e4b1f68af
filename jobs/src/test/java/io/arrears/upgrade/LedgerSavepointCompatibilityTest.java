package io.arrears.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arrears.config.ArrearsConfig;
import io.arrears.ingest.Ingested;
import io.arrears.kpi.KpiScope;
import io.arrears.kpi.KpiSnapshot;
import io.arrears.ledger.AlertTransition;
import io.arrears.ledger.CustomerSnapshot;
import io.arrears.model.AlertStatus;
import io.arrears.model.AlertType;
import io.arrears.pipeline.CollectionsSettings;
import io.arrears.pipeline.CollectionsSinks;
import io.arrears.pipeline.CollectionsTopology;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.pipeline.NamedSink;
import io.arrears.testing.CollectingSink;
import io.arrears.testing.Events;

/**
 * A savepoint of the collections topology (RocksDB, canonical format, KPIs on, every kind of state present:
 * {@link LedgerSavepointFixture}) restores into the current one with its state and timers. The state layout of
 * the releases before 0.2 is not readable any more (docs/deployment.md says how to upgrade from it). Until the
 * first release, a deliberate change of the layout writes this fixture again with {@link #main}; after it, every
 * change must keep restoring it.
 */
class LedgerSavepointCompatibilityTest {

    static final Path FIXTURE = Path.of("src/test/resources/savepoints/collections-0.2");

    /**
     * Writes the fixture: {@code java -cp <jobs test class path> io.arrears.upgrade.LedgerSavepointCompatibilityTest
     * jobs/src/test/resources/savepoints/collections-0.2}.
     */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(target);
        Sinks sinks = new Sinks("savepoint-before");
        StreamExecutionEnvironment env = JobEnvironment.local(Files.createTempDirectory("cp"), Duration.ofSeconds(1), 1);
        build(env, LedgerSavepointFixture.BEFORE, sinks);
        JobClient job = env.executeAsync("before-upgrade");
        // Everything before the buffered call has been applied once the promise's instant is in a snapshot.
        await(sinks.customers, list -> list.stream().anyMatch(c -> c.asOf() == Events.at("2026-02-03T10:00:00Z")));
        String savepoint = job.stopWithSavepoint(false, target.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
        System.out.println("Savepoint written to " + savepoint);
        System.exit(0);
    }

    @Test
    void theSavepointRestoresWithItsStateAndTimers(@TempDir Path dir) throws Exception {
        Path savepoint;
        try (var found = Files.list(FIXTURE)) {
            savepoint = found.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toAbsolutePath().toUri().toString());
        Sinks sinks = new Sinks("savepoint-after");
        StreamExecutionEnvironment env = JobEnvironment.local(dir, Duration.ofSeconds(1), 1, restore);
        build(env, LedgerSavepointFixture.AFTER, sinks);
        JobClient job = env.executeAsync("after-upgrade");
        try {
            // The restored deadlines fire: the dispute's SLA, the promise's check, INV-1's next stage.
            List<AlertTransition> after = await(sinks.alerts, list -> list.stream().anyMatch(a -> a.stageDays() != null
                    && a.stageDays() == 30));
            assertThat(after).filteredOn(a -> a.status() == AlertStatus.OPEN)
                    .extracting(a -> a.alertType() + " " + Instant.ofEpochMilli(a.triggeredAt()))
                    .containsExactly("DISPUTE_SLA_AT_RISK 2026-02-07T02:24:00Z",
                            "DISPUTE_SLA_BREACHED 2026-02-08T12:00:00Z", "PROMISE_BROKEN 2026-02-12T00:00:00Z",
                            "INVOICE_OVERDUE 2026-03-02T00:00:00Z");
            assertThat(after).filteredOn(a -> a.alertType() == AlertType.INVOICE_OVERDUE).singleElement()
                    .satisfies(a -> {
                        assertThat(a.alertId()).isEqualTo("C1:INVOICE_OVERDUE:INV-1:30:1");
                        assertThat(a.disputed()).as("D1 is open on it").isTrue();
                    });
            assertThat(after).filteredOn(a -> a.alertType() == AlertType.PROMISE_BROKEN).singleElement()
                    .satisfies(a -> assertThat(a.amountCents()).as("100.00 promised, 60.00 paid").isEqualTo(40_00));
            CustomerSnapshot last = await(sinks.customers, list -> !list.isEmpty()
                    && list.get(list.size() - 1).asOf() >= Events.at("2026-03-02T00:00:00Z")).stream()
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(last.arTotal()).as("INV-1 open, INV-2 paid by 40.00 before and 60.00 after the restore")
                    .isEqualTo(100_00);
            assertThat(last.openInvoices()).isEqualTo(1);
            assertThat(last.unappliedCash()).isEqualTo(25_00);
            assertThat(last.openDisputes()).isEqualTo(1);
            assertThat(last.segment()).isEqualTo("SMB");
            KpiSnapshot portfolio = await(sinks.kpis, list -> list.stream().anyMatch(this::lastHourOfPortfolio))
                    .stream().filter(this::lastHourOfPortfolio).findFirst().orElseThrow();
            assertThat(portfolio.values().arTotal()).isEqualTo(100_00);
            assertThat(portfolio.values().unappliedCash()).isEqualTo(25_00);
        } finally {
            job.cancel().get();
        }
    }

    private boolean lastHourOfPortfolio(KpiSnapshot snapshot) {
        return snapshot.scope() == KpiScope.PORTFOLIO && snapshot.asOf() == Events.at("2026-03-04T23:00:00Z");
    }

    private record Sinks(CollectingSink<AlertTransition> alerts, CollectingSink<CustomerSnapshot> customers,
                         CollectingSink<KpiSnapshot> kpis) {
        Sinks(String name) {
            this(new CollectingSink<>(name + "-alerts"), new CollectingSink<>(name + "-customers"),
                    new CollectingSink<>(name + "-kpis"));
        }
    }

    private static void build(StreamExecutionEnvironment env, List<Ingested> input, Sinks sinks) {
        CollectionsTopology.build(LedgerSavepointFixture.input(env, input),
                CollectionsSettings.live(ArrearsConfig.of(Map.of("sink.customer-flush-interval", "100 ms"))),
                new CollectionsSinks(List.of(new NamedSink<>("alerts", sinks.alerts())),
                        List.of(new NamedSink<>("customers", sinks.customers())), List.of(),
                        List.of(new NamedSink<>("kpis", sinks.kpis())), List.of()));
    }

    private static <T> List<T> await(CollectingSink<T> sink, Predicate<List<T>> done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (done.test(sink.collected())) {
                return sink.collected();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not reached within 60 s; collected: " + sink.collected());
    }
}
