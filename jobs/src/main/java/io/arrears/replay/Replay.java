package io.arrears.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.ingest.DeadLetter;
import io.arrears.ingest.Ingested;
import io.arrears.io.elasticsearch.Documents;
import io.arrears.io.files.AvroJson;
import io.arrears.io.files.JsonContractException;
import io.arrears.io.files.ReplayFileFormat;
import io.arrears.io.files.ReplayLineDecoder;
import io.arrears.io.kafka.AlertSerializer;
import io.arrears.kpi.KpiSnapshot;
import io.arrears.ledger.AlertTransition;
import io.arrears.ledger.CustomerSnapshot;
import io.arrears.pipeline.CollectionsSettings;
import io.arrears.pipeline.CollectionsSinks;
import io.arrears.pipeline.CollectionsTopology;
import io.arrears.pipeline.DomainTypes;
import io.arrears.pipeline.JobEnvironment;

/**
 * The collections topology on a JSON-lines file instead of Kafka, for backfills, what-if runs on history
 * exported from an ERP, and reproducible bug reports. Business time follows the events in the file, whatever
 * their order in it, and stops at --as-of: no deadline after it fires, although the input ends.
 */
public final class Replay {

    /** A replay's input is bounded and read again from its start after a failure: checkpoints are rare. */
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofMinutes(10);

    /** What a replay wrote. */
    public record Result(long asOf, int alertTransitions, int customers, int kpiSnapshots, int deadLetters,
                         int eventsAfterAsOf) {
    }

    private final ArrearsConfig config;
    private final int parallelism;
    private final PrintStream problems;
    private final Configuration flink;

    /** @param problems where bad lines are reported as they are found (stderr for the command line) */
    public Replay(ArrearsConfig config, int parallelism, PrintStream problems) {
        this(config, parallelism, problems, new Configuration());
    }

    /** @param flink further Flink settings: a cluster to run on, metric reporters */
    public Replay(ArrearsConfig config, int parallelism, PrintStream problems, Configuration flink) {
        this.config = config;
        this.parallelism = parallelism;
        this.problems = problems;
        this.flink = flink;
    }

    /** @param asOf the end of business time; null for the latest eventTime in the file */
    public Result run(Path events, Instant asOf, Path out) throws Exception {
        Files.createDirectories(out);
        long horizon = horizon(events, asOf);
        int afterAsOf = asOf == null ? 0 : countAfter(events, horizon);
        List<ReplayRecord> collected = new ArrayList<>();
        execute(events, horizon, CollectionsSinks.none(), (env, outputs) -> {
            DataStream<ReplayRecord> records = outputs.alerts().map(Replay::alertRecord)
                    .returns(DomainTypes.of(ReplayRecord.class))
                    .union(outputs.customers().map(Replay::customerRecord)
                                    .returns(DomainTypes.of(ReplayRecord.class)),
                            outputs.deadLetters().map(Replay::deadLetterRecord)
                                    .returns(DomainTypes.of(ReplayRecord.class)));
            if (outputs.kpis() != null) {
                records = records.union(outputs.kpis().map(Replay::kpiRecord)
                        .returns(DomainTypes.of(ReplayRecord.class)));
            }
            try (var iterator = records.executeAndCollect("arrears-replay")) {
                iterator.forEachRemaining(collected::add);
            }
        });
        return write(collected, horizon, afterAsOf, out);
    }

    /**
     * Replays into {@code sinks} instead of files: history re-processed into Elasticsearch, for example, where
     * the dashboards read it.
     *
     * @return the as-of instant the replay stopped at
     */
    public long runInto(Path events, Instant asOf, CollectionsSinks sinks) throws Exception {
        long horizon = horizon(events, asOf);
        execute(events, horizon, sinks, (env, outputs) -> env.execute("arrears-replay"));
        return horizon;
    }

    private interface Execution {
        void run(StreamExecutionEnvironment env, CollectionsTopology.Outputs outputs) throws Exception;
    }

    private void execute(Path events, long horizon, CollectionsSinks sinks, Execution execution) throws Exception {
        Path checkpoints = Files.createTempDirectory("arrears-replay-");
        Configuration settings = new Configuration();
        settings.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        settings.addAll(flink);
        StreamExecutionEnvironment env = JobEnvironment.local(checkpoints, CHECKPOINT_INTERVAL, parallelism,
                settings);
        DataStream<Ingested> input = fileInput(env, events, horizon, config);
        try {
            execution.run(env, CollectionsTopology.build(input, CollectionsSettings.live(config).withHorizon(horizon),
                    sinks));
        } finally {
            deleteRecursively(checkpoints);
        }
    }

    /** The lines of {@code events} up to {@code horizon}, decoded as the replay's source does. */
    public static DataStream<Ingested> fileInput(StreamExecutionEnvironment env, Path events, long horizon,
                                                 ArrearsConfig config) {
        ReplayFileFormat format = new ReplayFileFormat(new ReplayLineDecoder(events.getFileName().toString(),
                config.kpiSettings().rates()), horizon);
        return env.fromSource(
                        FileSource.forRecordStreamFormat(format, new org.apache.flink.core.fs.Path(events.toUri()))
                                .build(),
                        WatermarkStrategy.noWatermarks(), "replay-file")
                .uid("source-replay-file");
    }

    /** @return the as-of instant a replay of {@code events} stops at */
    public static long horizon(Path events, Instant asOf) throws IOException {
        if (!Files.isReadable(events)) {
            throw new IllegalArgumentException("cannot read the events file " + events.toAbsolutePath());
        }
        return asOf != null ? asOf.toEpochMilli() : latestEventTime(events);
    }

    private Result write(List<ReplayRecord> collected, long horizon, int afterAsOf, Path out) throws IOException {
        List<ReplayRecord> alerts = new ArrayList<>();
        Map<String, ReplayRecord> customers = new TreeMap<>();
        List<ReplayRecord> deadLetters = new ArrayList<>();
        List<ReplayRecord> kpis = new ArrayList<>();
        for (ReplayRecord record : collected) {
            switch (record.kind()) {
                case ReplayRecord.ALERT -> alerts.add(record);
                case ReplayRecord.KPI -> kpis.add(record);
                case ReplayRecord.CUSTOMER -> customers.merge(record.key(), record,
                        (a, b) -> a.revision() >= b.revision() ? a : b);
                default -> deadLetters.add(record);
            }
        }
        alerts.sort(Comparator.comparingLong(ReplayRecord::order).thenComparing(ReplayRecord::key));
        deadLetters.sort(Comparator.comparingLong(ReplayRecord::order));
        kpis.sort(Comparator.comparingLong(ReplayRecord::order).thenComparing(ReplayRecord::key));
        writeLines(out.resolve("alerts.jsonl"), alerts);
        writeLines(out.resolve("customers.jsonl"), new ArrayList<>(customers.values()));
        writeLines(out.resolve("deadletter.jsonl"), deadLetters);
        writeLines(out.resolve("kpis.jsonl"), kpis);
        for (ReplayRecord letter : deadLetters) {
            problems.println("bad line skipped: " + AvroJson.parse(letter.json()).get("error").asText());
        }
        return new Result(horizon, alerts.size(), customers.size(), kpis.size(), deadLetters.size(), afterAsOf);
    }

    private static ReplayRecord alertRecord(AlertTransition t) {
        // Within one instant: by alert, OPEN before RESOLVED.
        return new ReplayRecord(ReplayRecord.ALERT, t.alertId() + "/" + t.status().ordinal(), t.triggeredAt(), 0,
                AvroJson.toLine(AvroJson.write(AlertSerializer.toAvro(t))));
    }

    private static ReplayRecord customerRecord(CustomerSnapshot s) {
        return new ReplayRecord(ReplayRecord.CUSTOMER, s.customerId(), s.asOf(), s.revision(),
                AvroJson.toLine(Documents.customer(s)));
    }

    private static ReplayRecord kpiRecord(KpiSnapshot s) {
        return new ReplayRecord(ReplayRecord.KPI, s.id(), s.asOf(), 0, AvroJson.toLine(Documents.kpi(s)));
    }

    private static ReplayRecord deadLetterRecord(DeadLetter letter) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sourceTopic", letter.sourceTopic());
        fields.put("partition", letter.partition());
        fields.put("offset", letter.offset());
        fields.put("key", null);
        fields.put("value", new String(letter.value(), StandardCharsets.UTF_8));
        fields.put("error", letter.error());
        fields.put("failedAt", Instant.ofEpochMilli(letter.failedAt()).toString());
        ObjectNode json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(fields);
        return new ReplayRecord(ReplayRecord.DEAD_LETTER, letter.sourceTopic(), letter.offset(), 0,
                AvroJson.toLine(json));
    }

    private static void writeLines(Path file, List<ReplayRecord> records) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ReplayRecord record : records) {
                writer.write(record.json());
                writer.write('\n');
            }
        }
    }

    /** The default --as-of: the latest eventTime of the file's readable lines. */
    private static long latestEventTime(Path events) throws IOException {
        long latest = Long.MIN_VALUE;
        try (BufferedReader lines = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                latest = Math.max(latest, eventTimeOf(line));
            }
        }
        if (latest == Long.MIN_VALUE) {
            throw new IllegalArgumentException(events + " holds no event with a readable eventTime");
        }
        return latest;
    }

    private static int countAfter(Path events, long horizon) throws IOException {
        int count = 0;
        try (BufferedReader lines = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                count += eventTimeOf(line) > horizon ? 1 : 0;
            }
        }
        return count;
    }

    private static long eventTimeOf(String line) {
        if (line.isBlank()) {
            return Long.MIN_VALUE;
        }
        try {
            JsonNode time = AvroJson.parse(line).get("eventTime");
            if (time == null) {
                return Long.MIN_VALUE;
            }
            return time.isIntegralNumber() ? time.longValue() : Instant.parse(time.asText()).toEpochMilli();
        } catch (JsonContractException | java.time.format.DateTimeParseException e) {
            return Long.MIN_VALUE; // reported as a dead letter by the job
        }
    }

    /**
     * The local cluster may still be discarding old checkpoints while it shuts down: a file that vanishes during
     * the walk is what we wanted anyway, so walk again until nothing is left (or give up on a temp folder).
     */
    private static void deleteRecursively(Path root) {
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (var paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException vanished) {
                // walk again
            }
        }
    }
}
