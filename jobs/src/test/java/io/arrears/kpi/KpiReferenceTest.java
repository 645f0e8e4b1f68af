package io.arrears.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.generator.HistoryGenerator;
import io.arrears.io.files.AvroJson;
import io.arrears.io.files.EventFileWriter;
import io.arrears.replay.Replay;

/**
 * The streaming KPIs against an independent batch reference (SQL in DuckDB, {@link KpiBatchReference}) on a
 * generated history of more than 50,000 events of every type: every KPI of every scope at several as-of
 * instants, amounts to the cent, ratios and days to 1e-9.
 */
class KpiReferenceTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofDays(300));

    @Test
    void everyKpiOfEveryScopeEqualsTheBatchReference(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("history.jsonl");
        try (EventFileWriter writer = new EventFileWriter(events)) {
            new HistoryGenerator(11, 500, START, END, 0).generate(writer);
        }
        assertEveryKindOfEventIn(events);

        ArrearsConfig config = ArrearsConfig.of(Map.of());
        Instant asOf = END.minus(Duration.ofMinutes(37));
        Path out = dir.resolve("out");
        Replay.Result result = new Replay(config, 2, new PrintStream(PrintStream.nullOutputStream()))
                .run(events, asOf, out);
        assertThat(result.deadLetters()).isZero();

        Map<String, Map<String, JsonNode>> streamed = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("kpis.jsonl"))) {
            JsonNode doc = AvroJson.parse(line);
            streamed.computeIfAbsent(doc.get("asOf").asText(), t -> new HashMap<>())
                    .put(doc.get("scope").asText() + ":" + doc.get("scopeId").asText(), doc);
        }
        for (String line : Files.readAllLines(out.resolve("customers.jsonl"))) {
            JsonNode doc = AvroJson.parse(line);
            assertThat(doc.get("kpis").get("asOf").asText()).isEqualTo(asOf.toString());
            streamed.get(asOf.toString()).put("CUSTOMER:" + doc.get("customerId").asText(), doc.get("kpis"));
        }

        List<Instant> instants = List.of(START.plus(Duration.ofDays(45)), START.plus(Duration.ofDays(120)),
                START.plus(Duration.ofDays(150)).plus(Duration.ofHours(7)), START.plus(Duration.ofDays(280)), asOf);
        try (KpiBatchReference reference = new KpiBatchReference(events, config.kpiSettings().rates().rates(), 90)) {
            assertThat(reference.policyChangesBeyondTheReference()).isZero();
            for (Instant instant : instants) {
                Map<String, Map<String, Object>> expected = reference.kpisAt(instant);
                Map<String, JsonNode> actual = streamed.get(instant.toString());
                assertThat(actual).as("snapshots at %s", instant).isNotNull();
                if (!instant.equals(asOf)) {
                    // Customers' own KPIs are in their documents, which show the end of the replay only.
                    expected.keySet().removeIf(scope -> scope.startsWith("CUSTOMER:"));
                }
                compare(instant, expected, actual);
            }
        }
    }

    private static void compare(Instant instant, Map<String, Map<String, Object>> expected,
                                Map<String, JsonNode> actual) {
        Set<String> scopes = new HashSet<>(expected.keySet());
        scopes.addAll(actual.keySet());
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String scope : scopes) {
            Map<String, Object> want = expected.get(scope);
            JsonNode got = actual.get(scope);
            for (KpiField field : KpiField.values()) {
                Object w = want == null ? zeroOf(field) : want.get(field.fieldName());
                JsonNode g = got == null ? null : got.get(field.fieldName());
                Object gv = g == null || g.isNull() ? (got == null ? zeroOf(field) : null) : valueOf(field, g);
                compared++;
                if (!same(field, w, gv)) {
                    mismatches.add(scope + " " + field.fieldName() + ": reference " + w + ", job " + gv);
                }
            }
        }
        assertThat(mismatches).as("KPIs at %s (%d values compared)", instant, compared).isEmpty();
        assertThat(expected.keySet()).as("scopes at %s", instant).anyMatch(s -> s.startsWith("COLLECTOR:"))
                .anyMatch(s -> s.startsWith("SEGMENT:")).contains("PORTFOLIO:all");
    }

    /** A scope one side does not know: zero amounts and counts, null ratios. */
    private static Object zeroOf(KpiField field) {
        return switch (field.unit()) {
            case MONEY, COUNT -> 0L;
            default -> field == KpiField.COUNTBACK_DSO ? 0.0 : null;
        };
    }

    private static Object valueOf(KpiField field, JsonNode value) {
        return switch (field.unit()) {
            case MONEY -> value.decimalValue().movePointRight(2).longValueExact();
            case COUNT -> value.longValue();
            default -> value.doubleValue();
        };
    }

    private static boolean same(KpiField field, Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (field.unit() == KpiField.Unit.MONEY || field.unit() == KpiField.Unit.COUNT) {
            return ((Number) expected).longValue() == ((Number) actual).longValue();
        }
        double e = ((Number) expected).doubleValue();
        double a = ((Number) actual).doubleValue();
        return Math.abs(e - a) <= 1e-9 * Math.max(1, Math.abs(e));
    }

    private static void assertEveryKindOfEventIn(Path events) throws Exception {
        Set<String> kinds = new HashSet<>();
        long lines = 0;
        for (String line : Files.readAllLines(events)) {
            JsonNode json = AvroJson.parse(line);
            kinds.add(json.get("stream").asText() + ":" + (json.has("eventType") ? json.get("eventType").asText()
                    : json.has("activityType") ? json.get("activityType").asText() : ""));
            lines++;
        }
        assertThat(lines).isGreaterThanOrEqualTo(50_000);
        assertThat(kinds).contains("customers:", "policies:", "invoices:ISSUED", "invoices:ADJUSTED",
                "invoices:CREDITED", "invoices:CANCELLED", "invoices:WRITTEN_OFF", "payments:RECEIVED",
                "payments:APPLIED", "payments:REVERSED", "payments:REFUNDED", "disputes:OPENED", "disputes:RESOLVED",
                "activities:REMINDER_SENT", "activities:EMAIL", "activities:CALL", "activities:PROMISE_TO_PAY",
                "activities:NOTE");
    }

}
