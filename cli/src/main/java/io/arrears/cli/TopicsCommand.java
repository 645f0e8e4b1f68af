package io.arrears.cli;

import java.util.Map;
import java.util.Set;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.io.kafka.KafkaTopics;

/** Creates the job's topics that do not exist yet, named by the job options: a deployment's first step. */
final class TopicsCommand implements Arrears.Command {

    @Override
    public String summary() {
        return "create the missing Kafka topics: [--partitions N] [--replication R] [job options]";
    }

    @Override
    public int run(String[] args) throws Exception {
        CommandOptions options = new CommandOptions(args, Set.of("partitions", "replication"), Set.of());
        ArrearsConfig config = options.config(Map.of());
        int partitions = options.intValue("partitions", 2);
        int replication = options.intValue("replication", 1);
        KafkaTopics.createMissing(config, partitions, (short) replication);
        System.out.printf("Topics present on %s: %s%n", config.get(ArrearsOptions.KAFKA_BOOTSTRAP_SERVERS),
                KafkaTopics.all(config, partitions, (short) replication).stream().map(t -> t.name()).toList());
        return 0;
    }
}
