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
import io.arrears.ledger.AlertTransition;
import io.arrears.ledger.CustomerSnapshot;
import io.arrears.model.CustomerEvent;
import io.arrears.pipeline.CollectionsSettings;
import io.arrears.pipeline.CollectionsSinks;
import io.arrears.pipeline.CollectionsTopology;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.pipeline.NamedSink;
import io.arrears.testing.CollectingSink;
import io.arrears.testing.Events;

/**
 * A savepoint of the first release's collections topology (RocksDB, canonical format) restores into the
 * current one: the ledger's state and timers survive, and state added since starts empty.
 */
class LedgerSavepointCompatibilityTest {

    static final Path FIRST_RELEASE = Path.of("src/test/resources/savepoints/ledger-first-release");

    /** Writes the fixture: run with the code of the release whose state later releases must read. */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(target);
        CollectingSink<AlertTransition> alerts = new CollectingSink<>("savepoint-before");
        StreamExecutionEnvironment env = JobEnvironment.local(Files.createTempDirectory("cp"), Duration.ofSeconds(1), 1);
        build(env, LedgerSavepointFixture.BEFORE, alerts);
        JobClient job = env.executeAsync("before-upgrade");
        await(alerts, list -> list.stream().anyMatch(a -> a.stageDays() == 1));
        Thread.sleep(2_000);
        String savepoint = job.stopWithSavepoint(false, target.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
        System.out.println("Savepoint written to " + savepoint);
        System.exit(0);
    }

    @Test
    void theFirstReleasesSavepointRestoresWithItsStateAndTimers(@TempDir Path dir) throws Exception {
        Path savepoint;
        try (var found = Files.list(FIRST_RELEASE)) {
            savepoint = found.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toAbsolutePath().toUri().toString());
        CollectingSink<AlertTransition> alerts = new CollectingSink<>("savepoint-after");
        StreamExecutionEnvironment env = JobEnvironment.local(dir, Duration.ofSeconds(1), 1, restore);
        CollectingSink<CustomerSnapshot> customers = build(env, LedgerSavepointFixture.AFTER, alerts);
        JobClient job = env.executeAsync("after-upgrade");
        try {
            // The restored deadline of INV-1 fires; INV-2, paid in full after the restore, stays quiet.
            List<AlertTransition> after = await(alerts, list -> list.stream().anyMatch(a -> a.stageDays() == 30));
            assertThat(after).extracting(a -> a.invoiceId() + " " + a.stageDays() + " " + a.status())
                    .containsExactly("INV-1 30 OPEN");
            assertThat(after.get(0).triggeredAt()).isEqualTo(Events.at("2026-03-02T00:00:00Z"));
            assertThat(after.get(0).alertId()).isEqualTo("C1:INVOICE_OVERDUE:INV-1:30:1");
            CustomerSnapshot last = await(customers, list -> !list.isEmpty()
                    && list.get(list.size() - 1).asOf() >= Events.at("2026-03-02T00:00:00Z")).stream()
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(last.arTotal()).as("INV-1 open, INV-2 paid by 40.00 before and 60.00 after the restore")
                    .isEqualTo(100_00);
            assertThat(last.openInvoices()).isEqualTo(1);
            assertThat(last.segment()).isEqualTo("SMB");
        } finally {
            job.cancel().get();
        }
    }

    private static CollectingSink<CustomerSnapshot> build(StreamExecutionEnvironment env, List<CustomerEvent> input,
                                                          CollectingSink<AlertTransition> alerts) {
        CollectingSink<CustomerSnapshot> customers = new CollectingSink<>(alerts + "-customers");
        CollectionsTopology.build(LedgerSavepointFixture.input(env, input),
                CollectionsSettings.live(ArrearsConfig.of(Map.of("sink.customer-flush-interval", "100 ms"))),
                new CollectionsSinks(List.of(new NamedSink<>("alerts", alerts)),
                        List.of(new NamedSink<>("customers", customers)), List.of(), List.of(), List.of()));
        return customers;
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
