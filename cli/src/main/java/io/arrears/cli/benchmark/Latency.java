package io.arrears.cli.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.arrears.CollectionsJob;
import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.config.ArrearsOptions.DeliveryMode;
import io.arrears.io.kafka.EventProducer;
import io.arrears.io.kafka.KafkaTopics;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.stack.LocalStack;

/**
 * Part 5: the live job on the local stack (Kafka, registry, Elasticsearch), fed at a fixed rate; the time from a
 * probe's production to its alert on ar.alerts (read_committed) and in the alerts index. Then the highest rate
 * the same job keeps up with.
 */
public final class Latency {

    /**
     * @param rate input events per second while latency is measured
     * @param warmUp load before probes count: longer than source.idle-timeout, so that topics without traffic
     *     (disputes, policies, customers after the set-up) are idle and no longer hold business time back
     * @param step how long each rate of the ramp to the highest sustained rate lasts
     * @param rampLimit the ramp stops there
     */
    public record Plan(double rate, Duration warmUp, Duration measure, int customers, int partitions,
                       Duration checkpointInterval, Duration step, double rampLimit) {
    }

    /** Percentiles of the probes seen, in milliseconds. */
    record Percentiles(int seen, int missing, Long p50, Long p99, Long max) {

        static Percentiles of(Map<String, Long> sent, Map<String, Long> seen) {
            List<Long> latencies = new ArrayList<>();
            sent.forEach((id, at) -> {
                Long arrived = seen.get(id);
                if (arrived != null) {
                    latencies.add(arrived - at);
                }
            });
            Collections.sort(latencies);
            int missing = sent.size() - latencies.size();
            if (latencies.isEmpty()) {
                return new Percentiles(0, missing, null, null, null);
            }
            return new Percentiles(latencies.size(), missing, at(latencies, 0.50), at(latencies, 0.99),
                    latencies.get(latencies.size() - 1));
        }

        private static long at(List<Long> sorted, double quantile) {
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
        }

        /** The figure the report keys use: null unless every probe was seen. */
        Long p99IfComplete() {
            return missing == 0 ? p99 : null;
        }

        String describe() {
            return seen == 0 ? "no probe seen (" + missing + " sent)"
                    : String.format(Locale.ROOT, "p50 %,d  p99 %,d  max %,d ms  (%,d probes%s)", p50, p99, max, seen,
                    missing == 0 ? "" : ", " + missing + " not seen in time");
        }
    }

    /** @param businessTimeLag wall clock minus the ledger's watermark at the end of the measured window */
    record Result(DeliveryMode mode, Percentiles kafka, Percentiles elasticsearch, Double maxSustained,
                  String maxSustainedWhy, Long businessTimeLag) {
    }

    /** How often the ramp halves a rate that does not hold before it gives up. */
    private static final int HALVINGS = 4;

    private final BenchmarkCluster cluster;
    private final Settings settings;
    private final LocalStack stack;
    private final Plan plan;
    private int runs;

    Latency(BenchmarkCluster cluster, Settings settings, LocalStack stack, Plan plan) {
        this.cluster = cluster;
        this.settings = settings;
        this.stack = stack;
        this.plan = plan;
    }

    /** The source settings latency depends on, to print beside it. */
    String sourceSettings() {
        ArrearsConfig config = settings.config();
        return "source.max-out-of-orderness " + Format.duration(config.get(ArrearsOptions.SOURCE_MAX_OUT_OF_ORDERNESS))
                + ", source.idle-timeout " + Format.duration(config.get(ArrearsOptions.SOURCE_IDLE_TIMEOUT))
                + ", clock.tick-interval " + Format.duration(config.get(ArrearsOptions.CLOCK_TICK_INTERVAL))
                + ", checkpoints every " + Format.duration(plan.checkpointInterval()) + ", " + plan.partitions()
                + " partitions per topic";
    }

    /** One live run with {@code mode}; with {@code ramp}, afterwards the highest rate it sustains. */
    Result measure(DeliveryMode mode, boolean ramp) throws Exception {
        String run = "bench" + (++runs) + (mode == DeliveryMode.EXACTLY_ONCE ? "eo" : "alo");
        ArrearsConfig config = settings.config(options(run, mode));
        KafkaTopics.createMissing(config, plan.partitions(), (short) 1);
        Path checkpoints = Files.createDirectories(settings.work().resolve("checkpoints-" + run));
        StreamExecutionEnvironment env = JobEnvironment.local(checkpoints, plan.checkpointInterval(),
                settings.parallelism(), cluster.target());
        CollectionsJob.build(env, config);
        String jobName = "benchmark-live-" + run;
        JobClient job = env.executeAsync(jobName);
        try (EventProducer producer = new EventProducer(config)) {
            if (!BenchmarkCluster.await(Duration.ofMinutes(2), () -> cluster.allTasksStarted(job.getJobID()))) {
                throw new IllegalStateException("the live job did not start within 2 min");
            }
            LiveLoad load = new LiveLoad(producer, run, plan.customers());
            load.setUp();
            Thread sending = new Thread(load, "benchmark-load");
            try (AlertWatch watch = new AlertWatch(config, load.probes())) {
                load.rate(plan.rate());
                sending.start();
                Thread.sleep(plan.warmUp().toMillis());
                load.recordProbes(true);
                Thread.sleep(plan.measure().toMillis());
                load.recordProbes(false);
                Long behind = businessTimeLag(jobName);
                // The load goes on while the last probes drain: a quiet input would stop business time.
                BenchmarkCluster.await(drainTimeout(config), watch::allSeen);
                if (watch.failure() != null) {
                    throw watch.failure();
                }
                Percentiles kafka = Percentiles.of(load.probes(), watch.seenOnKafka());
                Percentiles elasticsearch = Percentiles.of(load.probes(), watch.seenInElasticsearch());
                Double highest = null;
                String why = ramp ? null : "not measured with " + mode;
                if (ramp) {
                    try {
                        highest = highestSustained(load, jobName);
                        why = highest == null ? "not even " + Format.rate(plan.rate() / (1 << HALVINGS)) + " events/s"
                                : null;
                    } catch (IllegalStateException e) {
                        why = e.getMessage();
                    }
                }
                return new Result(mode, kafka, elasticsearch, highest, why, behind);
            } finally {
                load.stop();
                sending.join(10_000);
            }
        } finally {
            cluster.cancelAll();
        }
    }

    /**
     * Doubles the rate from the plan's each step while the job keeps up: its lag (events sent but not yet taken
     * in by the ledger) grows by at most one second of input over a step's second half. If the plan's rate is
     * already too much, halves it instead, at most {@link #HALVINGS} times, until one holds.
     *
     * @return the highest rate that held, or null if none did
     */
    private Double highestSustained(LiveLoad load, String jobName) throws Exception {
        if (!holds(load, jobName, plan.rate())) {
            double rate = plan.rate();
            for (int halving = 0; halving < HALVINGS; halving++) {
                rate /= 2;
                if (holds(load, jobName, rate)) {
                    return rate;
                }
            }
            return null;
        }
        double highest = plan.rate();
        for (double rate = highest * 2; rate <= plan.rampLimit() && holds(load, jobName, rate); rate *= 2) {
            highest = rate;
        }
        return highest;
    }

    private boolean holds(LiveLoad load, String jobName, double rate) throws Exception {
        load.rate(rate);
        long sentBefore = load.sent();
        long stepStarted = System.nanoTime();
        Thread.sleep(plan.step().toMillis() / 2);
        long lagMiddle = lag(load, jobName);
        Thread.sleep(plan.step().toMillis() / 2);
        long lagEnd = lag(load, jobName);
        double achieved = (load.sent() - sentBefore) / ((System.nanoTime() - stepStarted) / 1e9);
        if (achieved < 0.9 * rate) {
            throw new IllegalStateException(String.format(Locale.ROOT, "the load generator reached only %,.0f "
                    + "of %,.0f events/s (it shares the cores with the job)", achieved, rate));
        }
        return lagEnd - lagMiddle <= rate;
    }

    /** Wall clock minus the ledger's input watermark (the slowest subtask's), null before it has one. */
    private static Long businessTimeLag(String jobName) {
        double[] lowest = {Double.MAX_VALUE};
        CapturedMetrics.count(jobName, "currentInputWatermark", entry -> entry.variable("operator_name").equals("ledger"),
                value -> {
                    lowest[0] = Math.min(lowest[0], value);
                    return true;
                });
        return lowest[0] == Double.MAX_VALUE || lowest[0] <= 0 ? null
                : System.currentTimeMillis() - (long) lowest[0];
    }

    /**
     * Events sent but not yet taken in by the ledger. Counted at the ledger, not at the sources: they read ahead
     * into the network buffers in front of a ledger that falls behind, tens of seconds of input at these rates.
     */
    private static long lag(LiveLoad load, String jobName) {
        double read = CapturedMetrics.sum(jobName, "numRecordsIn",
                entry -> entry.variable("operator_name").equals("ledger"));
        return load.sent() + load.setUpEvents() - (long) read;
    }

    private Duration drainTimeout(ArrearsConfig config) {
        return config.get(ArrearsOptions.SOURCE_MAX_OUT_OF_ORDERNESS).plus(config.get(ArrearsOptions.SOURCE_IDLE_TIMEOUT))
                .plus(plan.checkpointInterval()).plus(Duration.ofSeconds(60));
    }

    private Map<String, String> options(String run, DeliveryMode mode) {
        Map<String, String> options = new HashMap<>();
        options.put("kafka.bootstrap-servers", stack.kafkaBootstrapServers());
        options.put("registry.url", stack.schemaRegistryUrl());
        options.put("elasticsearch.hosts", stack.elasticsearchUrl());
        options.put("kafka.starting-offsets", "EARLIEST");
        options.put("kafka.delivery", mode.name());
        options.put("kafka.group-id", run);
        options.put("kafka.transactional-id-prefix", run);
        for (String topic : List.of("customers", "invoices", "payments", "disputes", "activities", "policies",
                "alerts", "deadletter")) {
            options.put("topic." + topic, run + ".ar." + topic);
        }
        for (String index : List.of("alerts", "customers", "disputes", "kpis")) {
            options.put("elasticsearch.index." + index, run + "-arrears-" + index);
        }
        return options;
    }
}
