package io.arrears.cli.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The benchmark on a tiny history, every part, against the real local stack: the instrument must not rot. It
 * checks what the instrument says, never how fast anything was.
 */
class BenchmarkTest {

    /** Figures that every part yields even on a tiny history (rates may be too small to separate from start-up). */
    private static final List<String> ALWAYS = List.of("events", "stateBytesPerOpenInvoice", "checkpointBytes",
            "checkpointMillis", "restoreMillis", "alertLatencyP50Ms", "alertLatencyP99Ms",
            "alertLatencyP99MsExactlyOnce");

    @Test
    void everyPartReportsAndTheLastLineHasEveryKey(@TempDir Path work) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Latency.Plan latency = new Latency.Plan(200, Duration.ofSeconds(3), Duration.ofSeconds(3), 50, 1,
                Duration.ofSeconds(2), Duration.ofSeconds(2), 400);
        Benchmark.Plan plan = new Benchmark.Plan(EnumSet.allOf(Benchmark.Section.class), 60, 45, 3, 0.2, false,
                latency, 1_000, new int[] {60, 90});
        Map<String, String> options = Map.of("source.max-out-of-orderness", "1 s", "source.idle-timeout", "2 s");
        new Benchmark(options, 2, Duration.ofMinutes(5), work, plan,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        List<String> lines = output.lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).as(output).startsWith("BENCHMARK {");
        JsonNode figures = new ObjectMapper().readTree(last.substring("BENCHMARK ".length()));
        assertThat(figures.fieldNames()).toIterable().containsAll(Report.KEYS);
        for (String key : ALWAYS) {
            assertThat(figures.get(key).isNumber()).as(key + " in " + output).isTrue();
            assertThat(figures.get(key).asDouble()).as(key).isPositive();
        }
        for (String key : Report.KEYS) {
            assertThat(figures.get(key).isNull() || figures.get(key).asDouble() > 0).as(key).isTrue();
        }
        assertThat(figures.at("/details/state/OPEN_INVOICES/entries").asLong()).isPositive();
        assertThat(figures.at("/details/scale")).hasSize(2);
        assertThat(output).contains("1 decode baseline", "2 trivial keyed job", "3 collections job, KPIs off",
                "4 collections job, KPIs on", "savepoint size", "AT_LEAST_ONCE: ar.alerts", "EXACTLY_ONCE: ar.alerts",
                "our sink", "BulkIngester", "90 customers");
    }
}
