package io.arrears.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.arrears.config.ArrearsConfig;
import io.arrears.pipeline.CollectionsSinks;
import io.arrears.replay.Replay;

/** Runs the collections job on a JSON-lines file and writes alerts, customers and dead letters. */
final class ReplayCommand implements Arrears.Command {

    @Override
    public String summary() {
        return "the collections job on a file: --events FILE [--as-of INSTANT] (--out DIR | --elasticsearch)";
    }

    @Override
    public int run(String[] args) throws Exception {
        CommandOptions options = new CommandOptions(args, Set.of("events", "as-of", "out", "parallelism"),
                Set.of("elasticsearch"));
        Path events = Path.of(options.required("events", "the JSON-lines file to replay"));
        Instant asOf = options.instant("as-of", null);
        ArrearsConfig config = options.config(Map.of());
        Replay replay = new Replay(config, options.intValue("parallelism", 2), System.err);
        if (options.has("elasticsearch")) {
            // Into the dashboards' indices (elasticsearch.* options), not to Kafka: collectors were told already.
            long until = replay.runInto(events, asOf, CollectionsSinks.elasticsearch(config));
            System.out.printf("Replayed %s up to %s into Elasticsearch %s.%n", events, Instant.ofEpochMilli(until),
                    config.elasticsearchHosts());
            return 0;
        }
        Path out = Path.of(options.required("out", "the folder for alerts.jsonl, customers.jsonl, kpis.jsonl, deadletter.jsonl"));
        Replay.Result result = replay.run(events, asOf, out);
        System.out.printf("Replayed %s up to %s: %,d alert transitions, %,d customers, %,d KPI snapshots, "
                        + "%,d bad lines%s.%n",
                events, Instant.ofEpochMilli(result.asOf()), result.alertTransitions(), result.customers(),
                result.kpiSnapshots(), result.deadLetters(), result.eventsAfterAsOf() > 0
                        ? ", " + result.eventsAfterAsOf() + " events after --as-of left out" : "");
        System.out.println("Output: " + out.toAbsolutePath());
        return 0;
    }
}
