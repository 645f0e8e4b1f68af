package io.arrears.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import io.arrears.ingest.Ingested;
import io.arrears.io.files.AvroJson;
import io.arrears.io.files.EventFileWriter;
import io.arrears.io.files.ReplayLineDecoder;
import io.arrears.model.AlertType;
import io.arrears.replay.Replay;

class HistoryGeneratorTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-07-01T00:00:00Z");

    private static Path generate(Path file, long seed) throws Exception {
        try (EventFileWriter writer = new EventFileWriter(file)) {
            new HistoryGenerator(seed, 60, START, END, 0).generate(writer);
        }
        return file;
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndAnotherSeedAnother(@TempDir Path dir) throws Exception {
        assertThat(Files.readAllLines(generate(dir.resolve("a.jsonl"), 7)))
                .isEqualTo(Files.readAllLines(generate(dir.resolve("b.jsonl"), 7)));
        assertThat(Files.readAllLines(generate(dir.resolve("c.jsonl"), 8)))
                .isNotEqualTo(Files.readAllLines(dir.resolve("a.jsonl")));
    }

    @Test
    void everyEventKeepsTheContractComesInTimeOrderAndEveryKindOccurs(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(generate(dir.resolve("h.jsonl"), 42));
        ReplayLineDecoder decoder = new ReplayLineDecoder("h.jsonl", ArrearsConfig.of(Map.of()).eventMapper());
        Set<String> kinds = new HashSet<>();
        Set<String> eventIds = new HashSet<>();
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            Ingested decoded = decoder.decode(lines.get(i), i + 1);
            assertThat(decoded.deadLetter()).as("line %d", i + 1).isNull();
            assertThat(decoded.eventTime()).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(END.toEpochMilli());
            previous = decoded.eventTime();
            JsonNode json = AvroJson.parse(lines.get(i));
            String type = json.has("eventType") ? json.get("eventType").asText()
                    : json.has("activityType") ? json.get("activityType").asText() : "";
            kinds.add(json.get("stream").asText() + ":" + type);
            if (json.has("eventId")) {
                assertThat(eventIds.add(json.get("eventId").asText())).isTrue();
            }
        }
        assertThat(kinds).contains("customers:", "policies:",
                "invoices:ISSUED", "invoices:CREDITED", "invoices:CANCELLED", "invoices:WRITTEN_OFF",
                "invoices:ADJUSTED", "payments:RECEIVED", "payments:APPLIED", "payments:REVERSED",
                "payments:REFUNDED", "disputes:OPENED", "disputes:RESOLVED", "activities:REMINDER_SENT",
                "activities:CALL", "activities:PROMISE_TO_PAY", "activities:NOTE");
        assertThat(lines.size()).isGreaterThan(2000);
    }

    @Test
    void itsReplayGivesAConsistentLedgerAndEveryAlertTypeBothRaisedAndResolved(@TempDir Path dir) throws Exception {
        Path history = generate(dir.resolve("h.jsonl"), 42);
        Replay.Result result = new Replay(ArrearsConfig.of(Map.of()), 2, new PrintStream(new ByteArrayOutputStream()))
                .run(history, END, dir.resolve("out"));

        assertThat(result.deadLetters()).isZero();
        assertThat(result.customers()).isEqualTo(60);
        List<JsonNode> alerts = Files.readAllLines(dir.resolve("out/alerts.jsonl")).stream().map(AvroJson::parse).toList();
        assertThat(alerts).isNotEmpty();
        Map<String, List<String>> transitions = new HashMap<>();
        for (JsonNode alert : alerts) {
            transitions.computeIfAbsent(alert.get("alertId").asText(), id -> new ArrayList<>())
                    .add(alert.get("status").asText());
        }
        assertThat(transitions.values()).allSatisfy(statuses ->
                assertThat(statuses).isIn(List.of("OPEN"), List.of("OPEN", "RESOLVED")));
        Set<String> raisedAndResolved = new HashSet<>();
        for (JsonNode alert : alerts) {
            raisedAndResolved.add(alert.get("alertType").asText() + " " + alert.get("status").asText());
        }
        for (AlertType type : AlertType.values()) {
            assertThat(raisedAndResolved).as("the history exercises " + type)
                    .contains(type + " OPEN", type + " RESOLVED");
        }
        for (String line : Files.readAllLines(dir.resolve("out/customers.jsonl"))) {
            JsonNode c = AvroJson.parse(line);
            double buckets = 0;
            for (String bucket : List.of("arCurrent", "ar1to30", "ar31to60", "ar61to90", "arOver90")) {
                assertThat(c.get(bucket).asDouble()).isGreaterThanOrEqualTo(0);
                buckets += c.get(bucket).asDouble();
            }
            assertThat(c.get("arTotal").asDouble()).isCloseTo(buckets, org.assertj.core.data.Offset.offset(0.001));
            assertThat(c.get("unappliedCash").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(c.get("openDisputes").asInt()).isGreaterThanOrEqualTo(0);
            assertThat(c.get("asOf").asText()).isEqualTo(END.toString());
        }
    }

}
