package io.arrears.cli.benchmark;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Flink's own metrics of the jobs on the benchmark's in-process cluster (records in and out, watermarks,
 * pending Kafka records, checkpoints), read directly instead of through a reporter's wire format. Flink creates
 * the reporter inside this JVM, so a static registry is the bridge.
 */
public final class CapturedMetrics {

    /** One metric with the scope variables Flink gave it ({@code <operator_name>}, {@code <job_name>}, ...). */
    record Entry(String name, Map<String, String> variables, Metric metric) {

        String variable(String key) {
            return variables.getOrDefault("<" + key + ">", "");
        }

        double value() {
            if (metric instanceof Counter counter) {
                return counter.getCount();
            }
            if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number number) {
                return number.doubleValue();
            }
            return Double.NaN;
        }
    }

    private static final Map<Metric, Entry> METRICS = new ConcurrentHashMap<>();

    private CapturedMetrics() {
    }

    /** The sum over every metric called {@code name} in the running job {@code job} that matches {@code where}. */
    static double sum(String job, String name, Predicate<Entry> where) {
        double total = 0;
        for (Entry entry : METRICS.values()) {
            if (entry.name().equals(name) && entry.variable("job_name").equals(job) && where.test(entry)) {
                double value = entry.value();
                total += Double.isNaN(value) ? 0 : value;
            }
        }
        return total;
    }

    /** How many metrics called {@code name} of job {@code job} match {@code where} and pass {@code test}. */
    static int count(String job, String name, Predicate<Entry> where, java.util.function.DoublePredicate test) {
        int count = 0;
        for (Entry entry : METRICS.values()) {
            if (entry.name().equals(name) && entry.variable("job_name").equals(job) && where.test(entry)
                    && test.test(entry.value())) {
                count++;
            }
        }
        return count;
    }

    /** Registered with {@code metrics.reporter.NAME.factory.class} on the benchmark's cluster. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new MetricReporter() {
                @Override
                public void open(MetricConfig config) {
                }

                @Override
                public void close() {
                }

                @Override
                public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
                    METRICS.put(metric, new Entry(name, Map.copyOf(group.getAllVariables()), metric));
                }

                @Override
                public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
                    METRICS.remove(metric);
                }
            };
        }
    }
}
