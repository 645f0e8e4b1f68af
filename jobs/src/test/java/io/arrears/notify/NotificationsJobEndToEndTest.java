package io.arrears.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;

import io.arrears.NotificationsJob;
import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.events.Alert;
import io.arrears.events.AlertStatus;
import io.arrears.events.AlertType;
import io.arrears.events.DeadLetter;
import io.arrears.events.Severity;
import io.arrears.io.files.AvroJson;
import io.arrears.io.registry.RegistryAvro;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.testing.KafkaTestClient;
import io.arrears.testing.RealServices;

import jakarta.mail.internet.MimeMessage;

/**
 * The notifications job against real receivers: alerts produced to a real Kafka, a real SMTP server (GreenMail)
 * and a real HTTP server for the webhooks; asserts who received what, once.
 */
class NotificationsJobEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private GreenMail mail;
    private HttpServer http;
    private final Map<String, List<Received>> webhooks = new ConcurrentHashMap<>();
    private final AtomicInteger flakyCalls = new AtomicInteger();

    private record Received(String idempotencyKey, JsonNode body) {
    }

    @BeforeEach
    void receivers() throws Exception {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String path : List.of("/slack", "/hook", "/flaky", "/down")) {
            http.createContext(path, exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = switch (path) {
                    case "/down" -> 500;
                    case "/flaky" -> flakyCalls.incrementAndGet() == 1 ? 500 : 200;
                    default -> 200;
                };
                if (status == 200) {
                    webhooks.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(
                            exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                            AvroJson.parse(new String(body, StandardCharsets.UTF_8))));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
        }
        http.start();
    }

    @AfterEach
    void stopReceivers() {
        mail.stop();
        http.stop(0);
    }

    @Test
    void routesAlertsToMailboxesAndWebhooksOnceWithDigestsRetriesAndDeadLetters(@TempDir Path dir) throws Exception {
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        Path routing = dir.resolve("routing.json");
        Files.writeString(routing, """
                {"collectors": {
                   "col-1": [{"email": "anna@example.com"}, {"slack": "%1$s/slack", "minSeverity": "CRITICAL"}],
                   "col-2": [{"webhook": "%1$s/flaky"}]},
                 "segments": {"ENTERPRISE": [{"webhook": "%1$s/down"}]},
                 "fallback": [{"email": "team@example.com"}]}
                """.formatted(base));
        ArrearsConfig config = RealServices.freshTopics("notify", Map.of(
                "notify.routing-file", routing.toString(),
                "notify.smtp.host", "127.0.0.1",
                "notify.smtp.port", Integer.toString(mail.getSmtp().getPort()),
                "notify.smtp.security", "NONE",
                "notify.digest-interval", "3 s",
                "notify.max-attempts", "3",
                "notify.retry-backoff", "200 ms",
                "notify.rate-limit-per-minute", "600"));
        String alerts = config.get(ArrearsOptions.TOPIC_ALERTS);

        StreamExecutionEnvironment env = JobEnvironment.local(dir.resolve("checkpoints"), Duration.ofSeconds(1), 1);
        NotificationsJob.build(env, config);
        JobClient job = env.executeAsync("notifications-e2e");
        try {
            produce(config, alerts, alert("A1", "C1", "col-1", "SMB", Severity.CRITICAL, AlertType.DISPUTE_SLA_BREACHED));
            // Together, so that no digest boundary falls between them.
            KafkaTestClient.produceTogether(config, List.of(
                    record(config, alerts, alert("A2", "C1", "col-1", "SMB", Severity.WARNING, AlertType.INVOICE_OVERDUE)),
                    record(config, alerts, alert("A3", "C2", "col-1", "SMB", Severity.WARNING, AlertType.PROMISE_BROKEN))));
            produce(config, alerts, alert("A1", "C1", "col-1", "SMB", Severity.CRITICAL, AlertType.DISPUTE_SLA_BREACHED));
            produce(config, alerts, alert("A4", "C3", "col-2", "SMB", Severity.CRITICAL, AlertType.CREDIT_LIMIT_EXCEEDED));
            produce(config, alerts, alert("A5", "C4", "col-9", "ENTERPRISE", Severity.CRITICAL, AlertType.PAYMENT_REVERSED));
            // Older than notify.max-alert-age (1 d): counted, not sent; a re-processed history pages nobody.
            produce(config, alerts, alert("A0", "C5", null, "SMB", Severity.CRITICAL, AlertType.PAYMENT_REVERSED,
                    Instant.now().minus(Duration.ofDays(2))));
            produce(config, alerts, alert("A6", "C5", null, "SMB", Severity.CRITICAL, AlertType.INVOICE_OVERDUE));

            // Anna: the critical one at once, then one digest of the two warnings, grouped by customer.
            List<MimeMessage> anna = waitFor(() -> to("anna@example.com"), 2);
            assertThat(anna.get(0).getSubject()).isEqualTo("[CRITICAL] DISPUTE_SLA_BREACHED: customer C1, 120.50 USD");
            assertThat(body(anna.get(0))).contains("What to do next: Escalate the dispute",
                    "http://localhost:3000/d/arrears-customer?var-customer=C1");
            assertThat(anna.get(1).getSubject()).isEqualTo("Arrears digest: 2 alert updates for 2 customers");
            String digest = body(anna.get(1));
            assertThat(digest.indexOf("Customer C1")).isLessThan(digest.indexOf("Customer C2")).isNotNegative();
            assertThat(digest).contains("INVOICE_OVERDUE", "PROMISE_BROKEN").doesNotContain("DISPUTE_SLA_BREACHED");

            // Slack takes only CRITICAL, in Slack's incoming-webhook JSON.
            List<Received> slack = waitFor(() -> webhooks.getOrDefault("/slack", List.of()), 1);
            assertThat(slack.get(0).body().get("text").asText()).startsWith("*[CRITICAL] DISPUTE_SLA_BREACHED");
            assertThat(slack.get(0).idempotencyKey()).startsWith("alert:slack:127.0.0.1#").endsWith(":C1:A1:1/OPEN");

            // The flaky webhook failed once and was retried: delivered once, with the alert in the generic body.
            List<Received> flaky = waitFor(() -> webhooks.getOrDefault("/flaky", List.of()), 1);
            assertThat(flakyCalls.get()).isEqualTo(2);
            assertThat(flaky.get(0).body().at("/alerts/0/alertId").asText()).isEqualTo("C3:A4:1");

            // The unassigned customer's alert went to the team's fallback mailbox.
            assertThat(waitFor(() -> to("team@example.com"), 1)).singleElement()
                    .satisfies(m -> assertThat(m.getSubject()).contains("INVOICE_OVERDUE: customer C5"));

            // The webhook that stays down: dead-lettered with the reason after every attempt.
            var decoder = RegistryAvro.deserializer(DeadLetter.class, config.registry());
            List<DeadLetter> letters = new ArrayList<>();
            for (var record : KafkaTestClient.consume(config, config.get(ArrearsOptions.TOPIC_NOTIFICATIONS_DEADLETTER),
                    1, WAIT)) {
                letters.add(decoder.deserialize(record.value()));
            }
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.getError().toString()).startsWith("not delivered to webhook:127.0.0.1#")
                        .contains("answered HTTP 500");
                assertThat(new String(letter.getValue().array(), StandardCharsets.UTF_8)).contains("C4:A5:1")
                        .doesNotContain("/down");
            });

            // A last critical alert of C1, behind everything else on its partition: once it is in, a second A1
            // would be in too.
            produce(config, alerts, alert("A9", "C1", "col-1", "SMB", Severity.CRITICAL, AlertType.CREDIT_LIMIT_EXCEEDED));
            assertThat(waitFor(() -> to("anna@example.com"), 3)).extracting(MimeMessage::getSubject)
                    .as("A1 was produced twice, sent once").containsExactly(
                            "[CRITICAL] DISPUTE_SLA_BREACHED: customer C1, 120.50 USD",
                            "Arrears digest: 2 alert updates for 2 customers",
                            "[CRITICAL] CREDIT_LIMIT_EXCEEDED: customer C1, 120.50 USD");
            assertThat(waitFor(() -> webhooks.getOrDefault("/slack", List.of()), 2)).hasSize(2);
            assertThat(webhooks.getOrDefault("/flaky", List.of())).hasSize(1);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aRestartFromACheckpointSendsNothingTwiceAndKeepsWhatWasWaitingForTheDigest(@TempDir Path dir)
            throws Exception {
        Path routing = dir.resolve("routing.json");
        Files.writeString(routing, "{\"collectors\": {\"col-1\": [{\"webhook\": \"http://127.0.0.1:"
                + http.getAddress().getPort() + "/hook\"}]}}");
        ArrearsConfig config = RealServices.freshTopics("notify-restart", Map.of(
                "notify.routing-file", routing.toString(), "notify.digest-interval", "4 s"));
        String alerts = config.get(ArrearsOptions.TOPIC_ALERTS);
        Configuration retained = new Configuration();
        retained.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);

        StreamExecutionEnvironment first = JobEnvironment.local(dir.resolve("first"), Duration.ofMillis(500), 1,
                retained);
        NotificationsJob.build(first, config);
        JobClient job = first.executeAsync("notifications-before");
        produce(config, alerts, alert("A1", "C1", "col-1", "SMB", Severity.CRITICAL, AlertType.PAYMENT_REVERSED));
        waitFor(() -> webhooks.getOrDefault("/hook", List.of()), 1);
        int before = latestCheckpointNumber(dir.resolve("first"));
        produce(config, alerts, alert("A2", "C2", "col-1", "SMB", Severity.WARNING, AlertType.INVOICE_OVERDUE));
        // Two checkpoints later, one holds A1 as sent and A2 as waiting (or sent, if its digest was due).
        until(() -> latestCheckpointNumber(dir.resolve("first")) >= before + 2, "two more checkpoints");
        job.cancel().get();

        Configuration restore = new Configuration(retained);
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, latestCheckpoint(dir.resolve("first")).toUri().toString());
        StreamExecutionEnvironment second = JobEnvironment.local(dir.resolve("second"), Duration.ofMillis(500), 1,
                restore);
        NotificationsJob.build(second, config);
        JobClient restarted = second.executeAsync("notifications-after");
        try {
            // The same transition read again, its text changed so that a message made from it would show.
            Alert again = alert("A1", "C1", "col-1", "SMB", Severity.CRITICAL, AlertType.PAYMENT_REVERSED);
            again.setMessage("Alert A1 of C1, read again.");
            produce(config, alerts, again);
            produce(config, alerts, alert("A3", "C3", "col-1", "SMB", Severity.CRITICAL, AlertType.PROMISE_BROKEN));
            // Behind the second A1 on C1's partition: once it is in, a re-sent A1 would be too.
            produce(config, alerts, alert("A4", "C1", "col-1", "SMB", Severity.CRITICAL, AlertType.PAYMENT_REVERSED));
            until(() -> alertIds(webhooks.getOrDefault("/hook", List.of()))
                    .containsAll(List.of("C1:A1:1", "C2:A2:1", "C3:A3:1", "C1:A4:1")), "A1 to A4 at the webhook");
            List<Received> received = webhooks.get("/hook");
            // A1, read again after the restart, is known as sent: no message is made from it again. A message in
            // flight at the last checkpoint before the cancel (A2's digest, or A1 if its webhook had not answered
            // yet) goes again after the restore, the same message with the same idempotency key, and a receiver
            // that honours the key (as this one does) takes it once.
            Map<String, Received> byKey = new java.util.LinkedHashMap<>();
            received.forEach(r -> byKey.putIfAbsent(r.idempotencyKey(), r));
            assertThat(byKey.values()).extracting(r -> r.body().at("/alerts/0/alertId").asText() + " of "
                            + r.body().get("alerts").size())
                    .containsExactlyInAnyOrder("C1:A1:1 of 1", "C2:A2:1 of 1", "C3:A3:1 of 1", "C1:A4:1 of 1");
            assertThat(received).extracting(r -> r.body().at("/alerts/0/message").asText())
                    .as("no message made from the transition read again").doesNotContain(again.getMessage()
                            .toString());
            assertThat(received).allSatisfy(r -> assertThat(r.body())
                    .as("a message sent twice is the same message").isEqualTo(byKey.get(r.idempotencyKey()).body()));
        } finally {
            restarted.cancel().get();
        }
    }

    private static Path latestCheckpoint(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            return paths.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .max(java.util.Comparator.comparingInt(NotificationsJobEndToEndTest::checkpointNumber))
                    .orElseThrow(() -> new AssertionError("no completed checkpoint under " + root));
        }
    }

    /** The number of the newest completed checkpoint under {@code root}, 0 before the first. */
    private static int latestCheckpointNumber(Path root) {
        try (var paths = Files.walk(root)) {
            return paths.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .mapToInt(p -> checkpointNumber(p.getParent())).max().orElse(0);
        } catch (java.io.IOException | java.io.UncheckedIOException vanished) {
            return 0; // no folder yet, or a checkpoint discarded while we looked: look again
        }
    }

    private static int checkpointNumber(Path checkpoint) {
        return Integer.parseInt(checkpoint.getFileName().toString().substring("chk-".length()));
    }

    private static List<String> alertIds(List<Received> received) {
        return received.stream().map(r -> r.body().at("/alerts/0/alertId").asText()).toList();
    }

    private List<MimeMessage> to(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                if (message.getAllRecipients()[0].toString().equals(address)) {
                    found.add(message);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    private static String body(MimeMessage message) throws Exception {
        return message.getContent().toString();
    }

    private static <T> List<T> waitFor(Supplier<List<T>> received, int count) throws InterruptedException {
        until(() -> received.get().size() >= count, count + " received");
        return received.get();
    }

    /** Polls {@code condition} until it holds, failing after {@link #WAIT}. */
    private static void until(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("%s within %s", what, WAIT).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** When the test's alerts happened: a minute ago, well within notify.max-alert-age. */
    private static final Instant RECENT = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static Alert alert(String id, String customer, String collector, String segment, Severity severity,
                               AlertType type) {
        return alert(id, customer, collector, segment, severity, type, RECENT);
    }

    private static Alert alert(String id, String customer, String collector, String segment, Severity severity,
                               AlertType type, Instant triggeredAt) {
        return Alert.newBuilder()
                .setAlertId(customer + ":" + id + ":1")
                .setAlertType(type)
                .setStatus(AlertStatus.OPEN)
                .setSeverity(severity)
                .setCustomerId(customer)
                .setInvoiceId(customer + "-INV-1")
                .setDisputeId(null)
                .setPaymentId(null)
                .setCollectorId(collector)
                .setSegment(segment)
                .setDisputed(false)
                .setAmount(new BigDecimal("120.50"))
                .setCurrency("USD")
                .setStageDays(12)
                .setTriggeredAt(triggeredAt)
                .setMessage("Alert " + id + " of " + customer + ".")
                .build();
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> record(ArrearsConfig config,
                                                                                           String topic, Alert alert) {
        return new org.apache.kafka.clients.producer.ProducerRecord<>(topic,
                alert.getCustomerId().toString().getBytes(StandardCharsets.UTF_8),
                RegistryAvro.serializer(Alert.class, topic, config.registry()).serialize(alert));
    }

    private static void produce(ArrearsConfig config, String topic, Alert alert) throws Exception {
        KafkaTestClient.produce(config, topic, alert.getCustomerId().toString(),
                RegistryAvro.serializer(Alert.class, topic, config.registry()).serialize(alert));
    }
}
