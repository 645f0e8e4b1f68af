package io.arrears;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.arrears.config.ArrearsConfig;
import io.arrears.io.kafka.KafkaInputs;
import io.arrears.pipeline.CollectionsSinks;
import io.arrears.pipeline.CollectionsTopology;
import io.arrears.pipeline.InputWatermarks;
import io.arrears.pipeline.JobEnvironment;

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
        CollectionsTopology.build(KafkaInputs.unbounded(config).create(env, InputWatermarks.of(config)),
                CollectionsSinks.kafka(config));
        env.execute("arrears-collections");
    }
}
