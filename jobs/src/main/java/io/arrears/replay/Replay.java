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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.ingest.DeadLetter;
import io.arrears.ingest.Ingested;
import io.arrears.io.elasticsearch.Documents;
import io.arrears.io.files.AvroJson;
import io.arrears.io.files.ExternalSort;
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
 * their order in it, and stops at --as-of: no deadline after it fires, although the input ends. The file is
 * sorted by eventTime first ({@link ReplayInput}), so business time advances with the input (watermarks) and the
 * job's state holds what is open, not the whole history; outputs stream to disk and are sorted into their files
 * at the end, so neither the job nor the client holds them in memory.
 */
public final class Replay {

    /** A replay's input is bounded and read again from its start after a failure: checkpoints are rare. */
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofMinutes(10);

    /** Characters of output lines sorted in memory at once. */
    private static final long SORT_CHUNK_CHARS = 64L * 1024 * 1024;

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
        Path work = Files.createTempDirectory("arrears-replay-");
        try {
            ReplayInput input = ReplayInput.prepare(events, asOf, work, config.inputLimits());
            Path parts = work.resolve("output-parts");
            execute(input, work, CollectionsSinks.none(), (env, outputs) -> {
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
                records.sinkTo(new ReplayFilesSink(parts)).uid("sink-replay-files").name("sink-replay-files");
                env.execute("arrears-replay");
            });
            return write(parts, work, input, out);
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * Replays into {@code sinks} instead of files: history re-processed into Elasticsearch, for example, where
     * the dashboards read it.
     *
     * @return the as-of instant the replay stopped at
     */
    public long runInto(Path events, Instant asOf, CollectionsSinks sinks) throws Exception {
        Path work = Files.createTempDirectory("arrears-replay-");
        try {
            ReplayInput input = ReplayInput.prepare(events, asOf, work, config.inputLimits());
            execute(input, work, sinks, (env, outputs) -> env.execute("arrears-replay"));
            return input.horizon();
        } finally {
            deleteRecursively(work);
        }
    }

    private interface Execution {
        void run(StreamExecutionEnvironment env, CollectionsTopology.Outputs outputs) throws Exception;
    }

    private void execute(ReplayInput input, Path work, CollectionsSinks sinks, Execution execution)
            throws Exception {
        Configuration settings = new Configuration();
        settings.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        settings.addAll(flink);
        StreamExecutionEnvironment env = JobEnvironment.local(Files.createDirectories(work.resolve("checkpoints")),
                CHECKPOINT_INTERVAL, parallelism, settings);
        execution.run(env, CollectionsTopology.build(fileInput(env, input, config),
                settings(config, input.horizon(), parallelism), sinks));
    }

    /**
     * The topology's settings for a replay up to {@code horizon}; unless the configuration says otherwise, the
     * ledgers' caches sized from this JVM's heap, where a replay's cluster runs.
     */
    public static CollectionsSettings settings(ArrearsConfig config, long horizon, int parallelism) {
        CollectionsSettings collections = CollectionsSettings.replay(config, horizon);
        return config.isSet(ArrearsOptions.LEDGER_CACHE_CUSTOMERS) ? collections
                : collections.withCachedCustomers(cachedCustomersForHeap(parallelism));
    }

    /**
     * Half the heap for the ledgers' caches, at 256 KiB per customer (about what a customer of the benchmark's
     * history holds), at least the option's default.
     */
    private static int cachedCustomersForHeap(int parallelism) {
        long perSubtask = Runtime.getRuntime().maxMemory() / 2 / parallelism / (256 * 1024);
        return (int) Math.max(ArrearsOptions.LEDGER_CACHE_CUSTOMERS.defaultValue(), Math.min(perSubtask, 1_000_000));
    }

    /**
     * The prepared input, decoded as the replay's source does, with business time following its (sorted)
     * eventTimes.
     */
    public static DataStream<Ingested> fileInput(StreamExecutionEnvironment env, ReplayInput input,
                                                 ArrearsConfig config) {
        return env.fromSource(fileSource(input.file(), input.source(), input.horizon(), true, config),
                        WatermarkStrategy.<Ingested>forMonotonousTimestamps()
                                .withTimestampAssigner((ingested, timestamp) -> ingested.eventTime()),
                        "replay-file")
                .uid("source-replay-file");
    }

    /**
     * The replay's file source.
     *
     * @param source how dead letters name the file: the original's name
     * @param numbered whether each line starts with its number in the original file (a prepared input)
     */
    public static FileSource<Ingested> fileSource(Path file, String source, long horizon, boolean numbered,
                                                  ArrearsConfig config) {
        ReplayFileFormat format = new ReplayFileFormat(new ReplayLineDecoder(source, config.eventMapper()), horizon,
                numbered);
        return FileSource.forRecordStreamFormat(format, new org.apache.flink.core.fs.Path(file.toUri())).build();
    }

    private Result write(Path parts, Path work, ReplayInput input, Path out) throws IOException {
        int alerts = sortInto(parts, work, ReplayRecord.ALERT, out.resolve("alerts.jsonl"), false);
        int customers = sortInto(parts, work, ReplayRecord.CUSTOMER, out.resolve("customers.jsonl"), true);
        int deadLetters = sortInto(parts, work, ReplayRecord.DEAD_LETTER, out.resolve("deadletter.jsonl"), false);
        int kpis = sortInto(parts, work, ReplayRecord.KPI, out.resolve("kpis.jsonl"), false);
        if (deadLetters > 0) {
            try (BufferedReader lines = Files.newBufferedReader(out.resolve("deadletter.jsonl"),
                    StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    problems.println("bad line skipped: " + AvroJson.parse(line).get("error").asText());
                }
            }
        }
        return new Result(input.horizon(), alerts, customers, kpis, deadLetters, input.eventsAfterAsOf());
    }

    /**
     * Sorts the part files of one kind into its output file.
     *
     * @param lastPerCustomer keep only the last (highest revision) line of each customer
     * @return the lines written
     */
    private static int sortInto(Path parts, Path work, String kind, Path file, boolean lastPerCustomer)
            throws IOException {
        int[] written = {0};
        try (ExternalSort sort = new ExternalSort(work.resolve("sort-" + kind), SORT_CHUNK_CHARS);
             Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (Files.isDirectory(parts)) {
                try (var files = Files.list(parts)) {
                    for (Path part : files.filter(p -> p.getFileName().toString()
                            .startsWith(ReplayFilesSink.partPrefix(kind))).sorted().toList()) {
                        sort.addAll(part);
                    }
                }
            }
            ExternalSort.Entry[] held = {null};
            sort.forEachSorted(entry -> {
                if (lastPerCustomer && held[0] != null && !ReplayRecord.customerOf(held[0].key())
                        .equals(ReplayRecord.customerOf(entry.key()))) {
                    writeLine(writer, held[0].payload());
                    written[0]++;
                }
                if (lastPerCustomer) {
                    held[0] = entry;
                } else {
                    writeLine(writer, entry.payload());
                    written[0]++;
                }
            });
            if (held[0] != null) {
                writeLine(writer, held[0].payload());
                written[0]++;
            }
        }
        return written[0];
    }

    private static void writeLine(Writer writer, String line) {
        try {
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
        fields.put("reasonCode", letter.reasonCode().name());
        fields.put("valueLength", letter.valueLength());
        fields.put("valueSha256", letter.valueSha256());
        ObjectNode json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(fields);
        return new ReplayRecord(ReplayRecord.DEAD_LETTER, letter.sourceTopic(), letter.offset(), 0,
                AvroJson.toLine(json));
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
