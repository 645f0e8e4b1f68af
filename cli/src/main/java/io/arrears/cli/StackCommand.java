package io.arrears.cli;

import java.util.EnumSet;
import java.util.Map;

import io.arrears.config.ArrearsConfig;
import io.arrears.io.kafka.KafkaTopics;
import io.arrears.stack.LocalStack;
import io.arrears.stack.LocalStackMain;
import io.arrears.stack.Service;

/**
 * Starts the local stack (Kafka, schema registry, Elasticsearch), creates the Arrears topics and waits for
 * Ctrl-C: a place to run the jobs against, or to explore with other tools.
 */
final class StackCommand implements Arrears.Command {

    @Override
    public String summary() {
        return "start a local Kafka, schema registry and Elasticsearch, with the topics, until Ctrl-C";
    }

    @Override
    public int run(String[] args) throws Exception {
        if (args.length > 0) {
            throw new IllegalArgumentException("stack takes no options");
        }
        System.out.println("Starting the local stack (Kafka, schema registry, Elasticsearch)...");
        LocalStack stack = LocalStack.builder().start(EnumSet.allOf(Service.class));
        try {
            ArrearsConfig config = ArrearsConfig.of(Map.of(
                    "kafka.bootstrap-servers", stack.kafkaBootstrapServers(),
                    "registry.url", stack.schemaRegistryUrl()));
            KafkaTopics.createMissing(config, 2, (short) 1);
            System.out.println(LocalStackMain.describe(stack));
            System.out.println("Topics: " + String.join(", ",
                    KafkaTopics.all(config, 2, (short) 1).stream().map(t -> t.name()).toList()));
            System.out.println("Point a job at it with: --kafka.bootstrap-servers " + stack.kafkaBootstrapServers()
                    + " --registry.url " + stack.schemaRegistryUrl());
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        LocalStackMain.runUntilShutdown(stack);
        return 0;
    }
}
