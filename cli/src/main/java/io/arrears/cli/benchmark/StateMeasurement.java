package io.arrears.cli.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.ingest.Ingested;
import io.arrears.pipeline.CollectionsSinks;
import io.arrears.pipeline.CollectionsTopology;
import io.arrears.pipeline.DomainTypes;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.pipeline.LedgerStateCensus;
import io.arrears.pipeline.LedgerStateCensus.Count;
import io.arrears.pipeline.LedgerStateCensus.Part;
import io.arrears.replay.Replay;
import io.arrears.replay.ReplayInput;

/**
 * The job's state after a history: the replay topology runs over the (prepared) file and is then held open (a source that
 * never ends and marks itself idle, so the file's final watermark still fires every deadline up to the as-of), a
 * full savepoint (canonical format) is taken, read back to say what it holds, and the job is restored from it.
 */
final class StateMeasurement {

    static final String JOB = "benchmark-state";
    private static final String RESTORED_JOB = "benchmark-restore";
    private static final double FINAL_WATERMARK = (double) Long.MAX_VALUE;

    /**
     * @param bytesByOperator savepoint bytes per operator uid
     * @param census the ledger's state by kind
     */
    record Result(long savepointBytes, long savepointMillis, Map<String, Long> bytesByOperator,
                  Map<Part, Count> census, Long restoreMillis, String restoreWhy) {

        long openInvoices() {
            return census.getOrDefault(Part.OPEN_INVOICES, new Count(0, 0)).entries();
        }

        long bytesKeptOnPurpose(Part part) {
            return census.getOrDefault(part, new Count(0, 0)).bytes();
        }
    }

    private final BenchmarkCluster cluster;
    private final Settings settings;

    StateMeasurement(BenchmarkCluster cluster, Settings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    Result measure(History history, Path savepoints) throws Exception {
        ArrearsConfig config = settings.config();
        ReplayInput input = ReplayInput.prepare(history.file(), null,
                Files.createDirectories(settings.work().resolve("state-input")), config.inputLimits());
        String savepoint;
        long savepointMillis;
        StreamExecutionEnvironment env = environment(new Configuration());
        int sinks = build(env, input, config, settings.parallelism()) * settings.parallelism();
        JobClient job = env.executeAsync(JOB);
        try {
            if (!BenchmarkCluster.await(settings.budget(), () -> CapturedMetrics.count(JOB, "currentInputWatermark",
                    StateMeasurement::isDiscard, value -> value >= FINAL_WATERMARK) >= sinks)) {
                throw new java.util.concurrent.TimeoutException("the history was not processed within "
                        + Format.duration(settings.budget()) + " (--timeout)");
            }
            long started = System.nanoTime();
            savepoint = job.triggerSavepoint(savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get();
            savepointMillis = (System.nanoTime() - started) / 1_000_000;
        } finally {
            cluster.cancelAll();
        }
        Map<String, Long> byOperator = new LinkedHashMap<>();
        for (OperatorState operator : SavepointLoader.loadSavepointMetadata(savepoint).getOperatorStates()) {
            if (operator.getStateSize() > 0) {
                byOperator.put(operator.getOperatorUid().orElse(operator.getOperatorID().toString()),
                        operator.getStateSize());
            }
        }
        Map<Part, Count> census = census(savepoint, config);
        Long restoreMillis = null;
        String restoreWhy = null;
        try {
            restoreMillis = restore(savepoint, input, config);
        } catch (Exception e) {
            restoreWhy = "restore failed: " + e;
        }
        return new Result(directorySize(Path.of(java.net.URI.create(savepoint))), savepointMillis, byOperator, census,
                restoreMillis, restoreWhy);
    }

    /** From submission until every task runs with its state restored. */
    private long restore(String savepoint, ReplayInput input, ArrearsConfig config) throws Exception {
        Configuration fromSavepoint = new Configuration();
        fromSavepoint.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment env = environment(fromSavepoint);
        build(env, input, config, settings.parallelism());
        long started = System.nanoTime();
        JobClient job = env.executeAsync(RESTORED_JOB);
        try {
            if (!BenchmarkCluster.await(settings.budget(), () -> cluster.allTasksStarted(job.getJobID()))) {
                throw new java.util.concurrent.TimeoutException("not restored within "
                        + Format.duration(settings.budget()));
            }
            return (System.nanoTime() - started) / 1_000_000;
        } finally {
            cluster.cancelAll();
        }
    }

    private StreamExecutionEnvironment environment(Configuration extra) throws IOException {
        Configuration configuration = cluster.target();
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        configuration.addAll(extra);
        Path checkpoints = Files.createDirectories(settings.work().resolve("checkpoints-state"));
        return JobEnvironment.local(checkpoints, Replay.CHECKPOINT_INTERVAL, settings.parallelism(), configuration);
    }

    /** @return the number of sinks */
    private static int build(StreamExecutionEnvironment env, ReplayInput input, ArrearsConfig config,
                             int parallelism) {
        CollectionsTopology.Outputs outputs = CollectionsTopology.build(
                Replay.fileInput(env, input, config).union(keptOpen(env)),
                Replay.settings(config, input.horizon(), parallelism), CollectionsSinks.none());
        outputs.alerts().sinkTo(new DiscardingSink<>()).name("discard-alerts");
        outputs.customers().sinkTo(new DiscardingSink<>()).name("discard-customers");
        outputs.disputes().sinkTo(new DiscardingSink<>()).name("discard-disputes");
        outputs.deadLetters().sinkTo(new DiscardingSink<>()).name("discard-dead-letters");
        if (outputs.kpis() == null) {
            return 4;
        }
        outputs.kpis().sinkTo(new DiscardingSink<>()).name("discard-kpis");
        return 5;
    }

    /** A source that emits nothing after its first record and never ends; idle, so it holds no watermark back. */
    private static DataStream<Ingested> keptOpen(StreamExecutionEnvironment env) {
        DataGeneratorSource<Long> never = new DataGeneratorSource<>(index -> index, Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(1.0 / Duration.ofDays(1).toSeconds()), Types.LONG);
        return env.fromSource(never, WatermarkStrategy.<Long>noWatermarks().withIdleness(Duration.ofSeconds(1)),
                        "kept-open").uid("benchmark-kept-open").setParallelism(1)
                .filter(index -> false).name("nothing").setParallelism(1)
                .map(index -> Ingested.TICK).returns(DomainTypes.of(Ingested.class)).setParallelism(1);
    }

    private static boolean isDiscard(CapturedMetrics.Entry entry) {
        return entry.variable("operator_name").contains("discard");
    }

    /** Reads the ledger's keyed state back from the savepoint and adds up its census over all customers. */
    private Map<Part, Count> census(String savepoint, ArrearsConfig config) throws Exception {
        StreamExecutionEnvironment env = environment(new Configuration());
        Duration dedupRetention = config.get(ArrearsOptions.LEDGER_DEDUP_RETENTION);
        DataStream<long[]> perCustomer = SavepointReader.read(env, savepoint, new EmbeddedRocksDBStateBackend())
                .readKeyedState(OperatorIdentifier.forUid("ledger"), new CensusReader(dedupRetention),
                        Types.STRING, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
        long[] total = new long[Part.values().length * 2];
        List<long[]> rows = new ArrayList<>();
        try (var iterator = perCustomer.executeAndCollect("benchmark-census")) {
            iterator.forEachRemaining(rows::add);
        }
        for (long[] row : rows) {
            for (int i = 0; i < total.length; i++) {
                total[i] += row[i];
            }
        }
        Map<Part, Count> census = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            census.put(part, new Count(total[part.ordinal() * 2], total[part.ordinal() * 2 + 1]));
        }
        return census;
    }

    static long directorySize(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    /** Per customer: entries and bytes of every part, flattened as [entries, bytes] in the order of Part. */
    private static final class CensusReader extends KeyedStateReaderFunction<String, long[]> {

        private final Duration dedupRetention;
        private transient LedgerStateCensus census;

        CensusReader(Duration dedupRetention) {
            this.dedupRetention = dedupRetention;
        }

        @Override
        public void open(OpenContext openContext) {
            census = new LedgerStateCensus(getRuntimeContext(), dedupRetention);
        }

        @Override
        public void readKey(String customerId, Context context, Collector<long[]> out) throws Exception {
            long[] row = new long[Part.values().length * 2];
            census.currentKey().forEach((part, count) -> {
                row[part.ordinal() * 2] = count.entries();
                row[part.ordinal() * 2 + 1] = count.bytes();
            });
            out.collect(row);
        }
    }
}
