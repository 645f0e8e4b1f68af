package io.arrears.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.generator.HistoryGenerator;
import io.arrears.ingest.DeadLetter;
import io.arrears.io.files.AvroJson;
import io.arrears.io.files.EventFileWriter;

/**
 * Hostile lines mixed into a generated history, each on customer ids of its own: the replay finishes, every one
 * of them is a dead letter with its reason class, and what the good lines produce is exactly what they produce
 * alone.
 */
class HostileReplayTest {

    private static final Instant START = Instant.parse("2025-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String invoice(String eventId, Map<String, Object> changes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("stream", "invoices");
        fields.put("eventId", eventId);
        fields.put("eventType", "ISSUED");
        fields.put("invoiceId", "H-" + eventId);
        fields.put("customerId", "HOSTILE-" + eventId);
        fields.put("amount", 100);
        fields.put("currency", "USD");
        fields.put("issueDate", "2025-11-05");
        fields.put("dueDate", "2025-12-05");
        fields.put("eventTime", "2025-11-05T10:00:00Z");
        fields.putAll(changes);
        return JSON.valueToTree(fields).toString();
    }

    /** Each hostile line, with the reason class its dead letter must carry. */
    private static Map<String, String> hostileLines() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(invoice("amount", Map.of()).replace("\"amount\":100", "\"amount\":1e999999999"), "LIMIT");
        lines.put(invoice("tiny", Map.of()).replace("\"amount\":100", "\"amount\":1e-999999999"), "CONTRACT");
        lines.put(invoice("digits", Map.of("amount", "9".repeat(900))), "LIMIT");
        lines.put(invoice("customer", Map.of("customerId", "C".repeat(700))), "LIMIT");
        lines.put(invoice("invoice", Map.of("invoiceId", "I".repeat(40_000))), "LIMIT");
        lines.put(invoice("po", Map.of("poNumber", "P".repeat(2_000_000))), "LIMIT");
        lines.put(invoice("control", Map.of("invoiceId", "INV\u0001\u0007x")), "CONTRACT");
        lines.put(invoice("future", Map.of("eventTime", "9999-12-31T00:00:00Z")), "FUTURE");
        lines.put(invoice("micros", Map.of("eventTime", Instant.parse("2025-11-05T10:00:00Z").toEpochMilli() * 1000)),
                "FUTURE");
        lines.put(invoice("pre1970", Map.of("eventTime", "1969-12-31T00:00:00Z")), "CONTRACT");
        lines.put(invoice("hugeyear", Map.of("eventTime", "+999999999-12-31T00:00:00Z")), "FUTURE");
        lines.put(invoice("due", Map.of("dueDate", "+999999-01-01")), "CONTRACT");
        lines.put(invoice("long", Map.of("eventTime", new java.math.BigInteger("9".repeat(30)))), "SCHEMA");
        ObjectNode payment = JSON.createObjectNode().put("stream", "payments").put("eventId", "alloc")
                .put("eventType", "RECEIVED").put("paymentId", "HP").put("customerId", "HOSTILE-alloc")
                .put("amount", 1000).put("currency", "USD").put("eventTime", "2025-11-05T10:00:00Z");
        IntStream.range(0, 1001).forEach(i -> payment.withArray("allocations").addObject()
                .put("invoiceId", "X" + i).put("amount", 0.01));
        lines.put(payment.toString(), "LIMIT");
        ObjectNode policy = JSON.createObjectNode().put("stream", "policies").put("policyId", "hostile")
                .put("segment", "HOSTILE").put("eventTime", "2025-11-05T10:00:00Z");
        IntStream.rangeClosed(1, 200_000).forEach(i -> policy.withArray("overdueStageDays").add(i));
        lines.put(policy.toString(), "LIMIT");
        lines.put("{\"stream\":\"invoices\",\"eventId\":\"" + "x".repeat(1_200_000) + "\"}", "LIMIT");
        lines.put("[".repeat(5000), "DECODE");
        lines.put(invoice("surrogate", Map.of()).replace("HOSTILE-surrogate", "\\ud800x"), "CONTRACT");
        return lines;
    }

    @Test
    void everyHostileLineIsADeadLetterWithItsReasonAndTheGoodLinesGiveWhatTheyGiveAlone(@TempDir Path dir)
            throws Exception {
        Path clean = dir.resolve("clean.jsonl");
        try (EventFileWriter writer = new EventFileWriter(clean)) {
            new HistoryGenerator(5, 20, START, END, 0).generate(writer);
        }
        List<String> good = Files.readAllLines(clean);
        Map<String, String> hostile = hostileLines();
        List<String> mixed = new ArrayList<>(good);
        Map<Long, String> expectedReasons = new LinkedHashMap<>();
        int step = good.size() / (hostile.size() + 1);
        int at = step;
        for (Map.Entry<String, String> line : hostile.entrySet()) {
            mixed.add(at, line.getKey());
            at += step + 1;
        }
        for (int i = 0; i < mixed.size(); i++) {
            String reason = hostile.get(mixed.get(i));
            if (reason != null) {
                expectedReasons.put(i + 1L, reason);
            }
        }
        Path hostileFile = dir.resolve("hostile.jsonl");
        Files.write(hostileFile, mixed);

        Replay.Result alone = replay(clean, dir.resolve("alone"));
        Replay.Result withHostile = replay(hostileFile, dir.resolve("mixed"));

        assertThat(withHostile.asOf()).as("no hostile line moves the horizon").isEqualTo(alone.asOf());
        for (String output : List.of("alerts.jsonl", "customers.jsonl", "kpis.jsonl")) {
            assertThat(Files.readAllLines(dir.resolve("mixed").resolve(output)))
                    .as(output).isEqualTo(Files.readAllLines(dir.resolve("alone").resolve(output)));
        }
        List<JsonNode> letters = Files.readAllLines(dir.resolve("mixed/deadletter.jsonl")).stream()
                .map(AvroJson::parse).toList();
        Map<Long, String> reasons = letters.stream().collect(Collectors.toMap(d -> d.get("offset").asLong(),
                d -> d.get("reasonCode").asText()));
        assertThat(reasons).isEqualTo(expectedReasons);
        for (JsonNode letter : letters) {
            assertThat(letter.get("sourceTopic").asText()).isEqualTo("hostile.jsonl");
            String original = mixed.get((int) letter.get("offset").asLong() - 1);
            byte[] bytes = original.getBytes(StandardCharsets.UTF_8);
            assertThat(letter.get("valueLength").asLong()).isEqualTo(bytes.length);
            assertThat(letter.get("valueSha256").asText()).isEqualTo(DeadLetter.sha256(bytes));
            assertThat(letter.get("value").asText().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(DeadLetter.MAX_COPIED_BYTES);
            assertThat(letter.get("error").asText().length()).isLessThan(DeadLetter.MAX_ERROR_CHARS + 40);
        }
    }

    private static Replay.Result replay(Path events, Path out) throws Exception {
        // Without --as-of: the horizon is the latest eventTime the contract accepts.
        return new Replay(ArrearsConfig.of(Map.of()), 2, new PrintStream(new ByteArrayOutputStream()))
                .run(events, null, out);
    }
}
