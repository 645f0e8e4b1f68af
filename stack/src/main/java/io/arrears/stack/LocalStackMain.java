package io.arrears.stack;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs the local stack until Ctrl-C: {@code LocalStackMain [kafka] [registry] [elasticsearch]} (default: all).
 * Prints each endpoint and, last, a line "Service processes: pid pid ...".
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Set<Service> services = args.length == 0 ? EnumSet.allOf(Service.class) : parse(args);
        LocalStack stack;
        try {
            stack = LocalStack.builder().start(services);
        } catch (LocalStackException e) {
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(describe(stack));
        System.out.println("Service processes: " + stack.processIds().stream().map(String::valueOf)
                .collect(Collectors.joining(" ")));
        runUntilShutdown(stack);
    }

    /** Keeps the stack up until the JVM is asked to stop (Ctrl-C, SIGTERM), then stops it. */
    public static void runUntilShutdown(LocalStack stack) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
    }

    /** What a person needs to point a client at the stack. */
    public static String describe(LocalStack stack) {
        StringBuilder text = new StringBuilder("Local stack ready (run folder " + stack.runDirectory() + "):\n");
        if (stack.isRunning(Service.KAFKA)) {
            text.append("  Kafka bootstrap servers  ").append(stack.kafkaBootstrapServers()).append('\n');
        }
        if (stack.isRunning(Service.SCHEMA_REGISTRY)) {
            text.append("  Schema registry URL      ").append(stack.schemaRegistryUrl()).append('\n');
        }
        if (stack.isRunning(Service.ELASTICSEARCH)) {
            text.append("  Elasticsearch URL        ").append(stack.elasticsearchUrl()).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static Set<Service> parse(String[] args) {
        return Arrays.stream(args).map(arg -> switch (arg.toLowerCase(Locale.ROOT)) {
            case "kafka" -> Service.KAFKA;
            case "registry", "schema-registry" -> Service.SCHEMA_REGISTRY;
            case "elasticsearch", "es" -> Service.ELASTICSEARCH;
            default -> throw new IllegalArgumentException(
                    "unknown service '" + arg + "': use kafka, registry or elasticsearch");
        }).collect(Collectors.toCollection(() -> EnumSet.noneOf(Service.class)));
    }
}
