package io.arrears.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

import io.arrears.generator.HistoryGenerator;
import io.arrears.io.files.EventFileWriter;
import io.arrears.replay.Replay;

/**
 * Throughput of the collections job with KPIs on and off over the same generated history: a measurement to
 * read, not a test. Each run is a replay (the job's topology on a file, RocksDB, checkpoints) and includes
 * starting the local cluster, so small histories understate the steady rate.
 */
final class BenchmarkCommand implements Arrears.Command {

    @Override
    public String summary() {
        return "events/s with KPIs on and off: [--customers N] [--days D] [--seed S] [--runs R]";
    }

    @Override
    public int run(String[] args) throws Exception {
        CommandOptions options = new CommandOptions(args, Set.of("customers", "days", "seed", "runs", "parallelism"),
                Set.of());
        int customers = options.intValue("customers", 500);
        int days = options.intValue("days", 300);
        int runs = options.intValue("runs", 2);
        int parallelism = options.intValue("parallelism", 2);
        Instant end = Instant.parse("2026-01-01T00:00:00Z");
        Path dir = Files.createTempDirectory("arrears-benchmark-");
        Path events = dir.resolve("history.jsonl");
        long count;
        try (EventFileWriter writer = new EventFileWriter(events)) {
            new HistoryGenerator(options.intValue("seed", 11), customers, end.minus(Duration.ofDays(days)), end, 0)
                    .generate(writer);
            count = writer.written();
        }
        System.out.printf("History: %,d events, %d customers, %d days; parallelism %d; %s cores.%n", count, customers,
                days, parallelism, Runtime.getRuntime().availableProcessors());
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        for (int run = 1; run <= runs; run++) {
            for (boolean kpis : new boolean[] {false, true}) {
                Replay replay = new Replay(options.config(Map.of("kpi.enabled", Boolean.toString(kpis))), parallelism,
                        quiet);
                Instant started = Instant.now();
                Replay.Result result = replay.run(events, end, dir.resolve("out-" + kpis + "-" + run));
                double seconds = started.until(Instant.now(), ChronoUnit.MILLIS) / 1000.0;
                System.out.printf("run %d, KPIs %-3s: %6.1f s, %,8.0f events/s (%,d alert transitions, %,d KPI "
                                + "snapshots)%n", run, kpis ? "on" : "off", seconds, count / seconds,
                        result.alertTransitions(), result.kpiSnapshots());
            }
        }
        return 0;
    }
}
