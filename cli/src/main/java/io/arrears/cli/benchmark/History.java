package io.arrears.cli.benchmark;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.arrears.generator.HistoryGenerator;
import io.arrears.io.files.EventFileWriter;

/**
 * One generated history as a replay file, and its prefix: the same first lines (the file is in event-time
 * order). Timing a run over both and taking the difference removes what every run costs whatever its size
 * (submitting the job, starting tasks and RocksDB, shutting down), which would otherwise flatter large runs;
 * see {@link Measurement#of(History, Measurement.Run)}.
 *
 * @param events the number of events in {@code file}
 * @param prefixEvents the number of events in {@code prefix}
 */
record History(Path file, long events, Path prefix, long prefixEvents, int customers, int days) {

    /** The generator's end instant: fixed, so that every benchmark replays the same events. */
    static final Instant END = Instant.parse("2026-01-01T00:00:00Z");

    /** @param prefixShare the share of the events in the prefix */
    static History generate(Path dir, long seed, int customers, int days, double prefixShare) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("history-" + customers + "x" + days + ".jsonl");
        long events;
        try (EventFileWriter writer = new EventFileWriter(file)) {
            new HistoryGenerator(seed, customers, END.minus(Duration.ofDays(days)), END, 0).generate(writer);
            events = writer.written();
        }
        long prefixEvents = Math.max(1, Math.round(events * prefixShare));
        Path prefix = dir.resolve("prefix-" + customers + "x" + days + ".jsonl");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(prefix, StandardCharsets.UTF_8)) {
            for (long n = 0; n < prefixEvents; n++) {
                out.write(in.readLine());
                out.write('\n');
            }
        }
        return new History(file, events, prefix, prefixEvents, customers, days);
    }
}
