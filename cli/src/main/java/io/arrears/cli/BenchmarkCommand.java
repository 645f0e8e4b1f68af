package io.arrears.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

import io.arrears.cli.benchmark.Benchmark;
import io.arrears.cli.benchmark.Latency;
import io.arrears.config.ArrearsConfig;

/**
 * {@code bin/arrears benchmark}: the job against what the machine can do, side by side, in one run. Options and
 * what each figure means: docs/performance.md.
 */
final class BenchmarkCommand implements Arrears.Command {

    private static final Set<String> VALUED = Set.of("customers", "days", "seed", "parallelism", "only", "timeout",
            "prefix-share", "work", "latency-rate", "latency-seconds", "warm-up-seconds", "latency-customers",
            "partitions", "checkpoint-interval", "ramp-step-seconds", "ramp-limit", "es-documents", "scale-customers");

    @Override
    public String summary() {
        return "the job against baselines in one run: [--customers N] [--days D] [--parallelism P] "
                + "[--only throughput,latency,elasticsearch,scale] [--profile] (docs/performance.md)";
    }

    @Override
    public int run(String[] args) throws Exception {
        CommandOptions options = new CommandOptions(args, VALUED, Set.of("profile", "keep"));
        ArrearsConfig.of(ArrearsConfig.parseArgs(options.rest())); // a bad job option fails before anything runs
        int customers = options.intValue("customers", 10_000);
        Latency.Plan latency = new Latency.Plan(options.doubleValue("latency-rate", 2_000),
                Duration.ofSeconds(options.intValue("warm-up-seconds", 45)),
                Duration.ofSeconds(options.intValue("latency-seconds", 60)),
                options.intValue("latency-customers", 1_000), options.intValue("partitions", 2),
                Duration.ofSeconds(options.intValue("checkpoint-interval", 30)),
                Duration.ofSeconds(options.intValue("ramp-step-seconds", 20)),
                options.doubleValue("ramp-limit", 1_000_000));
        int[] scale = Arrays.stream(options.get("scale-customers", customers + ",100000").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).toArray();
        Benchmark.Plan plan = new Benchmark.Plan(
                Benchmark.Section.parse(options.get("only", "throughput,latency,elasticsearch,scale")), customers,
                options.intValue("days", 300), options.intValue("seed", 11),
                options.doubleValue("prefix-share", 0.1), options.has("profile"), latency,
                options.intValue("es-documents", 200_000), scale);
        Path work = options.has("work") ? Path.of(options.get("work", null))
                : Files.createTempDirectory("arrears-benchmark-");
        try {
            new Benchmark(ArrearsConfig.parseArgs(options.rest()), options.intValue("parallelism", 2),
                    Duration.ofMinutes(options.intValue("timeout", 20)), work, plan, System.out).run();
        } finally {
            if (!options.has("keep") && !options.has("profile")) {
                Benchmark.delete(work);
            } else {
                System.err.println("Work folder kept: " + work);
            }
        }
        return 0;
    }
}
