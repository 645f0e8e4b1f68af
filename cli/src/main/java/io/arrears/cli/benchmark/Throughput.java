package io.arrears.cli.benchmark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.arrears.ingest.Ingested;
import io.arrears.io.files.BoundedLineReader;
import io.arrears.io.files.ReplayFileFormat;
import io.arrears.io.files.ReplayLineDecoder;
import io.arrears.replay.Replay;

/**
 * Parts 1 to 4: the input limit, the trivial keyed baseline and the collections job with KPIs off and on, each
 * as a steady rate over the same history.
 */
final class Throughput {

    private final BenchmarkCluster cluster;
    private final Settings settings;

    Throughput(BenchmarkCluster cluster, Settings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    /** 1. Lines to domain events on one thread, as replay's (unsplittable) file source does: the input limit. */
    Measurement decode(History history) {
        ReplayLineDecoder decoder = new ReplayLineDecoder("benchmark", settings.config().eventMapper());
        return Measurement.of(history, settings.budget(), events -> {
            long decoded = 0;
            try (BoundedLineReader lines = ReplayFileFormat.lines(Files.newInputStream(events),
                    decoder.mapper().limits().maxRecordBytes())) {
                long number = 0;
                for (BoundedLineReader.Line line = lines.next(); line != null; line = lines.next()) {
                    Ingested ingested = decoder.decode(line.text(), ++number);
                    decoded += ingested.deadLetter() == null ? 1 : 0;
                }
            }
            if (decoded == 0) {
                throw new IllegalStateException("no line of " + events + " decoded");
            }
        });
    }

    /** 2. The trivial keyed job on the benchmark's cluster. */
    Measurement trivial(History history) {
        return Measurement.of(history, settings.budget(), events -> cluster.within(settings.budget(), () -> {
            TrivialKeyedJob.run(events, settings, cluster.target());
            return null;
        }));
    }

    /** 3 and 4. The collections job as replay runs it, outputs written to files. */
    Measurement job(History history, boolean kpis, Runnable beforeFullRun) {
        Replay replay = new Replay(settings.config(Map.of("kpi.enabled", Boolean.toString(kpis))),
                settings.parallelism(), new PrintStream(PrintStream.nullOutputStream()), cluster.target());
        Path out = settings.work().resolve(kpis ? "replay-kpis-on" : "replay-kpis-off");
        return Measurement.of(history, settings.budget(), events -> {
            if (events.equals(history.file())) {
                beforeFullRun.run();
            }
            cluster.within(settings.budget(), () -> replay.run(events, null, out));
        });
    }
}
