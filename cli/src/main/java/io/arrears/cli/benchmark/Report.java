package io.arrears.cli.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The benchmark's figures: a table for people as they come, and at the end one line {@code BENCHMARK {json}} for
 * tools, with every key present (null for a part not run or not finished; the table says why).
 */
final class Report {

    /** The keys of the last line, in order: the contract other tools and the test read. */
    static final List<String> KEYS = List.of("events", "decodeEventsPerSecond", "trivialEventsPerSecond",
            "jobKpiOffEventsPerSecond", "jobEventsPerSecond", "jobRatio", "kpiCostRatio", "stateBytesPerOpenInvoice",
            "checkpointBytes", "checkpointMillis", "restoreMillis", "peakHeapBytes", "alertLatencyP50Ms",
            "alertLatencyP99Ms", "alertLatencyP99MsExactlyOnce", "maxSustainedEventsPerSecond", "esSinkDocsPerSecond",
            "esBulkIngesterDocsPerSecond");

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
        KEYS.forEach(key -> figures.put(key, null));
    }

    /** One of {@link #KEYS}. */
    void put(String key, Object value) {
        if (!figures.containsKey(key)) {
            throw new IllegalArgumentException("not a benchmark key: " + key);
        }
        figures.put(key, value);
    }

    /** A further figure, in the last line under "details". */
    void detail(String key, Object value) {
        details.put(key, value);
    }

    Object get(String key) {
        return figures.get(key);
    }

    void heading(String text) {
        out.println();
        out.println(text);
    }

    /** A table row: what, the figure, and how it compares or why it is missing. */
    void row(String what, String value, String comment) {
        out.printf("  %-44s %16s   %s%n", what, value, comment == null ? "" : comment);
    }

    void line(String text) {
        out.println("  " + text);
    }

    /** Printed at the end, before the last line: how figures were taken and what was left out. */
    void note(String text) {
        notes.add(text);
    }

    /** The closing notes and the machine-readable line. */
    void finish() throws JsonProcessingException {
        if (!notes.isEmpty()) {
            heading("Notes");
            notes.forEach(note -> out.println("  - " + note));
        }
        Map<String, Object> last = new LinkedHashMap<>(figures);
        last.put("details", details);
        out.println();
        out.println("BENCHMARK " + new ObjectMapper().writeValueAsString(last));
        out.flush();
    }
}
