package io.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.events.Alert;
import io.arrears.generator.HistoryGenerator;
import io.arrears.io.files.AvroJson;
import io.arrears.io.files.EventFileWriter;
import io.arrears.io.kafka.EventProducer;
import io.arrears.io.registry.RegistryAvro;
import io.arrears.model.AlertType;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.replay.Replay;
import io.arrears.testing.ElasticsearchTestClient;
import io.arrears.testing.KafkaTestClient;
import io.arrears.testing.RealServices;
import io.arrears.testing.Soak;

/**
 * The live collections job against a replay of the same history, with a {@link Fault} around it: a generated
 * history into Kafka through the registry and into a file, the job on a MiniCluster with RocksDB and
 * checkpoints, alerts read back from ar.alerts (read committed) and documents from Elasticsearch, all compared
 * with the replay's outputs.
 */
final class LiveAgainstReplay {

    /**
     * A history that ended long enough ago that by the wall clock every alert deadline in it has passed, so
     * the live job (business time = now) and a replay up to now see the same alerts and KPIs.
     */
    private static final Instant END = LocalDate.now(ZoneOffset.UTC).minusDays(200).atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    private static final Instant START = END.minus(Duration.ofDays(120));
    static final Duration PATIENCE = Duration.ofSeconds(120);

    private LiveAgainstReplay() {
    }

    /** What a test does to the services around the job. */
    interface Fault {
        /** Options of the whole test (its services), under the test's own topics and indices. */
        default Map<String, String> testOptions() {
            return Map.of();
        }

        /** The job's own options over the test's (the generator, the replay and the checks use the real services). */
        default Map<String, String> jobOptions() {
            return Map.of();
        }

        /** Flink settings of the job: a cluster of the test's own to run on, a restart strategy. */
        default Configuration flink() throws Exception {
            return new Configuration();
        }

        /** Just after the job was submitted. */
        default void started(ArrearsConfig config) throws Exception {
        }

        /** Once ar.alerts holds every alert of the replay, before the indices are checked. */
        default void alertsIn(ArrearsConfig config) throws Exception {
        }
    }

    static void agree(Path dir, Fault fault) throws Exception {
        // Daily KPI snapshots keep the time series of a 320-day history small enough to read back. The idle
        // timeout outlasts a partition's first fetch: a partition declared idle while the history is read would
        // let business time run ahead of its events, which then count late (at a later instant) in the KPIs.
        Map<String, String> options = new HashMap<>(Map.of("source.idle-timeout", "15 s", "kpi.interval", "1 d"));
        options.putAll(fault.testOptions());
        ArrearsConfig config = RealServices.freshTopicsAndIndices("e2e", options);
        Path history = dir.resolve("history.jsonl");
        try (EventFileWriter file = new EventFileWriter(history); EventProducer kafka = new EventProducer(config)) {
            Consumer<HistoryGenerator.Generated> both = file.andThen(kafka);
            new HistoryGenerator(11, 40, START, END, 0).generate(both);
            kafka.flush();
            assertThat(kafka.sent()).isGreaterThan(1000);
        }
        // Up to now, as far as the live job's business time goes: every deadline of the history has passed.
        Replay.Result replayed = new Replay(config, 2, new PrintStream(new ByteArrayOutputStream()))
                .run(history, Instant.now(), dir.resolve("replay"));
        assertThat(replayed.deadLetters()).isZero();
        List<JsonNode> replayAlerts = Files.readAllLines(dir.resolve("replay/alerts.jsonl")).stream()
                .map(AvroJson::parse).toList();
        assertThat(replayAlerts.stream().map(alert -> AlertType.valueOf(alert.get("alertType").asText())))
                .as("a history that exercises every alert type").containsAll(EnumSet.allOf(AlertType.class));
        List<String> fromReplay = replayAlerts.stream().map(LiveAgainstReplay::transition).toList();

        // The production job: Kafka and the wall clock in, ar.alerts (exactly-once) and Elasticsearch out.
        StreamExecutionEnvironment env = JobEnvironment.local(dir.resolve("checkpoints"), Duration.ofSeconds(1), 2,
                fault.flink());
        CollectionsJob.build(env, config.with(fault.jobOptions()));
        JobClient job = env.executeAsync("collections-e2e");
        fault.started(config);
        try {
            List<String> fromKafka = alertTransitions(config, fromReplay.size(), PATIENCE.plus(Soak.outage()));
            assertThat(fromKafka).as("ar.alerts, read committed, once each").containsExactlyInAnyOrderElementsOf(fromReplay);
            fault.alertsIn(config);
            for (var index : List.of(ArrearsOptions.INDEX_ALERTS, ArrearsOptions.INDEX_CUSTOMERS,
                    ArrearsOptions.INDEX_KPIS)) {
                eventually(() -> { // after an outage, the sinks resume after their pause
                    try {
                        return ElasticsearchTestClient.all(config, config.get(index));
                    } catch (IllegalStateException notYetCreated) {
                        return null;
                    }
                });
            }
            assertAlertDocuments(config, dir.resolve("replay/alerts.jsonl"));
            assertCustomerDocuments(config, dir.resolve("replay/customers.jsonl"));
            assertKpiDocuments(config, dir.resolve("replay/kpis.jsonl"));
        } finally {
            job.cancel().get();
        }
    }

    /** The transitions on ar.alerts, read committed, until {@code expected} have come or the timeout passed. */
    static List<String> alertTransitions(ArrearsConfig config, int expected, Duration timeout) throws Exception {
        var decoder = RegistryAvro.deserializer(Alert.class, config.registry());
        List<String> transitions = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : KafkaTestClient.consume(config,
                config.get(ArrearsOptions.TOPIC_ALERTS), expected, timeout)) {
            transitions.add(transition(AvroJson.write(decoder.deserialize(record.value()))));
        }
        return transitions;
    }

    /** arrears-alerts: one document per alert, holding its last status and both instants. */
    private static void assertAlertDocuments(ArrearsConfig config, Path replayAlerts) throws Exception {
        Map<String, JsonNode> lastTransition = new HashMap<>();
        Map<String, String> raisedAt = new HashMap<>();
        for (String line : Files.readAllLines(replayAlerts)) {
            JsonNode alert = AvroJson.parse(line);
            lastTransition.put(alert.get("alertId").asText(), alert);
            if (alert.get("status").asText().equals("OPEN")) {
                raisedAt.put(alert.get("alertId").asText(), alert.get("triggeredAt").asText());
            }
        }
        List<JsonNode> documents = eventually(() -> {
            List<JsonNode> all = ElasticsearchTestClient.all(config, config.get(ArrearsOptions.INDEX_ALERTS));
            long resolved = all.stream().filter(d -> d.get("status").asText().equals("RESOLVED")).count();
            long expectedResolved = lastTransition.values().stream()
                    .filter(a -> a.get("status").asText().equals("RESOLVED")).count();
            return all.size() == lastTransition.size() && resolved == expectedResolved ? all : null;
        });
        for (JsonNode document : documents) {
            JsonNode last = lastTransition.get(document.get("alertId").asText());
            assertThat(document.get("status").asText()).isEqualTo(last.get("status").asText());
            assertThat(Instant.parse(document.get("raisedAt").asText()))
                    .isEqualTo(Instant.parse(raisedAt.get(document.get("alertId").asText())));
            if (last.get("status").asText().equals("RESOLVED")) {
                assertThat(Instant.parse(document.get("resolvedAt").asText()))
                        .isEqualTo(Instant.parse(last.get("triggeredAt").asText()));
            } else {
                assertThat(document.has("resolvedAt")).isFalse();
            }
        }
    }

    /** arrears-customers: one document per customer with the replay's final position. */
    private static void assertCustomerDocuments(ArrearsConfig config, Path replayCustomers) throws Exception {
        Map<String, String> expected = new HashMap<>();
        for (String line : Files.readAllLines(replayCustomers)) {
            JsonNode customer = AvroJson.parse(line);
            expected.put(customer.get("customerId").asText(), position(customer));
        }
        assertThat(expected).hasSize(40);
        Map<String, String> actual = new HashMap<>();
        eventually(() -> {
            actual.clear();
            for (JsonNode document : ElasticsearchTestClient.all(config, config.get(ArrearsOptions.INDEX_CUSTOMERS))) {
                actual.put(document.get("customerId").asText(), position(document));
            }
            return actual.equals(expected) ? actual : null;
        });
        assertThat(actual).isEqualTo(expected);
    }

    /**
     * arrears-kpis: every snapshot the replay wrote at an interval boundary is in Elasticsearch under the same
     * id with the same values (the replay's extra snapshot at its --as-of instant is not a boundary).
     */
    private static void assertKpiDocuments(ArrearsConfig config, Path replayKpis) throws Exception {
        Map<String, JsonNode> expected = new HashMap<>();
        for (String line : Files.readAllLines(replayKpis)) {
            JsonNode snapshot = AvroJson.parse(line);
            if (Instant.parse(snapshot.get("asOf").asText()).toEpochMilli() % Duration.ofDays(1).toMillis() == 0) {
                expected.put(snapshot.get("scope").asText() + ":" + snapshot.get("scopeId").asText() + ":"
                        + snapshot.get("asOf").asText(), snapshot);
            }
        }
        assertThat(expected.keySet()).anyMatch(id -> id.startsWith("PORTFOLIO:all:"))
                .anyMatch(id -> id.startsWith("COLLECTOR:")).anyMatch(id -> id.startsWith("SEGMENT:"));
        Map<String, JsonNode> actual = new HashMap<>();
        Instant deadline = Instant.now().plus(PATIENCE);
        do {
            actual.clear();
            for (JsonNode document : ElasticsearchTestClient.all(config, config.get(ArrearsOptions.INDEX_KPIS))) {
                actual.put(document.get("scope").asText() + ":" + document.get("scopeId").asText() + ":"
                        + Instant.parse(document.get("asOf").asText()), document);
            }
        } while (!actual.keySet().containsAll(expected.keySet()) && Instant.now().isBefore(deadline));
        assertThat(actual.keySet()).as("KPI documents in Elasticsearch").containsAll(expected.keySet());
        for (Map.Entry<String, JsonNode> snapshot : expected.entrySet()) {
            assertThat(actual.get(snapshot.getKey())).as(snapshot.getKey()).isEqualTo(snapshot.getValue());
        }
    }

    private static String position(JsonNode customer) {
        StringBuilder text = new StringBuilder();
        for (String field : List.of("openInvoices", "arTotal", "arCurrent", "ar1to30", "ar31to60", "ar61to90",
                "arOver90", "unappliedCash", "openDisputes", "disputedAmount", "segment", "collectorId")) {
            text.append(field).append('=').append(customer.get(field)).append(' ');
        }
        return text.toString();
    }

    private interface Probe<T> {
        T result() throws Exception;
    }

    /** Polls until {@code probe} gives a result, or returns the last state after the patience ran out. */
    private static <T> T eventually(Probe<T> probe) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        T result = probe.result();
        while (result == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            result = probe.result();
        }
        if (result == null) {
            throw new AssertionError("Elasticsearch did not reach the expected documents within " + PATIENCE);
        }
        return result;
    }

    /** An alert transition as comparable text: every field of the Alert record. */
    static String transition(JsonNode alert) {
        StringBuilder text = new StringBuilder();
        alert.fieldNames().forEachRemaining(field -> {
            JsonNode value = alert.get(field);
            text.append(field).append('=').append(value.isNumber() ? value.decimalValue().stripTrailingZeros()
                    .toPlainString() : value.asText()).append('|');
        });
        return text.toString().replace("triggeredAt=" + alert.get("triggeredAt").asText(),
                "triggeredAt=" + Instant.parse(alert.get("triggeredAt").asText()));
    }
}
