package io.arrears.cli.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import io.arrears.ingest.Ingested;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.replay.Replay;

/**
 * The baseline the job is judged against: replay's own file source and decoding (of the file as it is, without
 * replay's sorting), then keyBy(customerId) and one RocksDB ValueState read and write per event, nothing
 * emitted. What any keyed job on this input costs at least.
 */
final class TrivialKeyedJob {

    static final String NAME = "benchmark-trivial-keyed";

    private TrivialKeyedJob() {
    }

    /** With replay's parallelism and checkpointing. */
    static void run(Path events, Settings settings, Configuration cluster) throws Exception {
        Path checkpoints = Files.createDirectories(settings.work().resolve("checkpoints-trivial"));
        StreamExecutionEnvironment env = JobEnvironment.local(checkpoints, Replay.CHECKPOINT_INTERVAL,
                settings.parallelism(), cluster);
        env.fromSource(Replay.fileSource(events, events.getFileName().toString(), Long.MAX_VALUE, false,
                                settings.config()),
                        WatermarkStrategy.noWatermarks(), "replay-file")
                .keyBy(TrivialKeyedJob::key)
                .process(new CountPerKey()).uid("count-per-key").name("count-per-key")
                .sinkTo(new DiscardingSink<>()).name("discard");
        env.execute(NAME);
    }

    private static String key(Ingested ingested) {
        if (ingested.event() != null) {
            return ingested.event().customerId();
        }
        return ingested.policy() != null ? "policy:" + ingested.policy().segment() : "dead-letter";
    }

    /** One state read and one write per event. */
    private static final class CountPerKey extends KeyedProcessFunction<String, Ingested, Long> {

        private static final ValueStateDescriptor<Long> COUNT = new ValueStateDescriptor<>("count", Types.LONG);

        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext openContext) {
            count = getRuntimeContext().getState(COUNT);
        }

        @Override
        public void processElement(Ingested value, Context ctx, Collector<Long> out) throws Exception {
            Long seen = count.value();
            count.update(seen == null ? 1 : seen + 1);
        }
    }
}
