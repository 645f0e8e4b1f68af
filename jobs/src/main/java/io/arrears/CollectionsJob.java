package io.arrears;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.ingest.Ingested;
import io.arrears.io.kafka.KafkaInputs;
import io.arrears.io.kafka.KafkaOutputs;
import io.arrears.pipeline.CollectionsSettings;
import io.arrears.pipeline.CollectionsSinks;
import io.arrears.pipeline.CollectionsTopology;
import io.arrears.pipeline.InputWatermarks;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.pipeline.WallClock;

/**
 * The collections job on a Flink cluster: {@code flink run arrears-jobs-VERSION-job.jar [--config FILE]
 * [--option value ...]}. Options: docs/configuration.md.
 */
public final class CollectionsJob {

    private CollectionsJob() {
    }

    public static void main(String[] args) throws Exception {
        ArrearsConfig config = ArrearsConfig.fromArgs(args);
        StreamExecutionEnvironment env = JobEnvironment.forCluster();
        build(env, config);
        env.execute("arrears-collections");
    }

    /** The live job: Kafka input with the wall clock, Kafka and Elasticsearch output. */
    public static CollectionsTopology.Outputs build(StreamExecutionEnvironment env, ArrearsConfig config) {
        KafkaOutputs.checkTransactionTimeout(config, env);
        DataStream<Ingested> input = new KafkaInputs(config).create(env, InputWatermarks.of(config))
                .union(WallClock.ticks(env, config.get(ArrearsOptions.CLOCK_TICK_INTERVAL)));
        return CollectionsTopology.build(input, CollectionsSettings.live(config), CollectionsSinks.production(config));
    }
}
