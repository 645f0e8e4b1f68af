package io.arrears.pipeline;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The execution settings every Arrears job needs, on a cluster and locally. */
public final class JobEnvironment {

    /** Exactly-once Kafka output commits at checkpoints, so a job without checkpoints would never publish. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(30);

    /**
     * RocksDB's memory (block cache and write buffers) of a local cluster. Flink's default for local runs,
     * 128 MB, is too small for the ledger of a few thousand customers: reads that miss it cost a multiple.
     */
    public static final MemorySize LOCAL_MANAGED_MEMORY = MemorySize.ofMebiBytes(1024);

    private JobEnvironment() {
    }

    /**
     * The environment of a job submitted to a cluster: the cluster's settings (state backend, checkpoint
     * storage) stay in force; checkpointing is switched on if the cluster left it off.
     */
    public static StreamExecutionEnvironment forCluster() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(strictTypes());
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(DEFAULT_CHECKPOINT_INTERVAL.toMillis());
        }
        return env;
    }

    /**
     * A local MiniCluster with RocksDB and checkpoints in {@code checkpointDirectory}: tests, replay, demo. Its
     * RocksDB has {@link #LOCAL_MANAGED_MEMORY}, and timers live on the heap (docs/deployment.md: a few hundred
     * thousand, checkpointed with the state, against a RocksDB write and delete for each).
     */
    public static StreamExecutionEnvironment local(Path checkpointDirectory, Duration checkpointInterval,
                                                   int parallelism) {
        return local(checkpointDirectory, checkpointInterval, parallelism, new Configuration());
    }

    /**
     * As {@link #local(Path, Duration, int)}, with further Flink settings (metric reporters, for example). Settings
     * that name a running cluster ({@code execution.target: remote}, {@code rest.address}, {@code rest.port}) run
     * the job there instead of on a MiniCluster of its own: the benchmark keeps one cluster for all its runs.
     */
    public static StreamExecutionEnvironment local(Path checkpointDirectory, Duration checkpointInterval,
                                                   int parallelism, Configuration extra) {
        Configuration configuration = strictTypes();
        configuration.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, LOCAL_MANAGED_MEMORY);
        configuration.set(RocksDBOptions.TIMER_SERVICE_FACTORY, EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        // Most of the ledger's point reads miss (an event id not seen yet, an instant without a deadline, an
        // invoice without an alert): a Bloom filter answers those without reading a block.
        configuration.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        configuration.addAll(extra);
        configuration.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDirectory.toUri().toString());
        configuration.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        configuration.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        return "remote".equals(configuration.get(DeploymentOptions.TARGET))
                ? new StreamExecutionEnvironment(configuration)
                : StreamExecutionEnvironment.getExecutionEnvironment(configuration);
    }

    /** A silent fallback to Kryo is slow and breaks state evolution; make it a loud error instead. */
    private static Configuration strictTypes() {
        DomainTypes.register();
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        return configuration;
    }
}
