package io.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.events.Alert;
import io.arrears.events.InvoiceEvent;
import io.arrears.events.InvoiceEventType;
import io.arrears.events.PaymentEvent;
import io.arrears.events.PaymentEventType;
import io.arrears.ingest.EventStream;
import io.arrears.io.registry.RegistryAvro;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.stack.LocalStack;
import io.arrears.stack.Service;
import io.arrears.testing.HttpGateway;
import io.arrears.testing.KafkaTestClient;
import io.arrears.testing.RealServices;
import io.arrears.testing.Soak;

/**
 * The collections job through the real services: generator into Kafka through the registry, the job on a
 * MiniCluster with RocksDB and checkpoints, alerts read back from ar.alerts and documents from Elasticsearch,
 * all compared with a replay of the same history.
 */
class CollectionsJobEndToEndTest {

    @Test
    void liveFromKafkaAndReplayedFromAFileGiveTheSameAlertsAndDocuments(@TempDir Path dir) throws Exception {
        LiveAgainstReplay.agree(dir, new LiveAgainstReplay.Fault() { });
    }

    /**
     * Elasticsearch unreachable from the job's start (its templates cannot be installed) until every alert is on
     * ar.alerts: exactly-once alerts become visible only when checkpoints complete, so they did, and the
     * documents owed meanwhile all arrive once it is back.
     */
    @Test
    void alertsAndCheckpointsGoOnWhileElasticsearchIsDownAndItsDocumentsFollowWhenItIsBack(@TempDir Path dir)
            throws Exception {
        try (HttpGateway gateway = HttpGateway.http(RealServices.all().elasticsearchUrl(), null)) {
            gateway.down(true);
            long downSince = System.nanoTime();
            LiveAgainstReplay.agree(dir, new LiveAgainstReplay.Fault() {
                @Override
                public Map<String, String> jobOptions() {
                    return Map.of("elasticsearch.hosts", gateway.url());
                }

                @Override
                public void alertsIn(ArrearsConfig config) throws Exception {
                    assertThat(gateway.failed()).as("requests to Elasticsearch refused by the outage").isPositive();
                    Thread.sleep(Math.max(0, Soak.outage().toMillis() - (System.nanoTime() - downSince) / 1_000_000));
                    gateway.down(false);
                }
            });
        }
    }

    /**
     * The schema registry unreachable for the job's first 15 s: its tasks fail and restart from the last
     * checkpoint until it is back; no good record is dead-lettered, and the outputs are those of the replay.
     */
    @Test
    void aRegistryDownAtTheStartIsWaitedForAndNoGoodRecordIsDeadLettered(@TempDir Path dir) throws Exception {
        try (HttpGateway gateway = HttpGateway.http(RealServices.all().schemaRegistryUrl(), null)) {
            gateway.down(true);
            LiveAgainstReplay.agree(dir, new LiveAgainstReplay.Fault() {
                @Override
                public Map<String, String> jobOptions() {
                    return Map.of("registry.url", gateway.url());
                }

                @Override
                public void started(ArrearsConfig config) throws Exception {
                    // One record that is bad for sure, so that reading the dead letters shows they can be read.
                    KafkaTestClient.produce(config, config.topic(EventStream.INVOICES), "poison",
                            "not the wire format".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    CompletableFuture.delayedExecutor(Math.max(15_000, Soak.outage().toMillis()), TimeUnit.MILLISECONDS)
                            .execute(() -> gateway.down(false));
                }

                @Override
                public void alertsIn(ArrearsConfig config) {
                    assertThat(gateway.failed()).as("requests to the registry refused by the outage").isPositive();
                    assertThat(KafkaTestClient.consume(config, config.get(ArrearsOptions.TOPIC_DEADLETTER), 1,
                            Duration.ofSeconds(30))).as("dead letters: only the poison")
                            .singleElement().satisfies(letter ->
                                    assertThat(new String(letter.key(), java.nio.charset.StandardCharsets.UTF_8))
                                            .isEqualTo("poison"));
                }
            });
        }
    }

    /**
     * A broker of the job's own restarted while the job reads the history: the job recovers by itself, and
     * ar.alerts (exactly-once, read committed) still holds every transition of the replay once.
     */
    @Test
    void aKafkaBrokerRestartedMidRunIsRecoveredFromWithNothingLostOrDoubled(@TempDir Path dir) throws Exception {
        try (LocalStack kafka = LocalStack.builder().start(Set.of(Service.KAFKA))) {
            CompletableFuture<Instant> restarted = new CompletableFuture<>();
            LiveAgainstReplay.agree(dir, new LiveAgainstReplay.Fault() {
                @Override
                public Map<String, String> testOptions() {
                    return Map.of("kafka.bootstrap-servers", kafka.kafkaBootstrapServers());
                }

                @Override
                public void started(ArrearsConfig config) {
                    CompletableFuture.delayedExecutor(6, TimeUnit.SECONDS).execute(() -> {
                        try {
                            kafka.restart(Service.KAFKA);
                            restarted.complete(Instant.now());
                        } catch (RuntimeException e) {
                            restarted.completeExceptionally(e);
                        }
                    });
                }

                @Override
                public void alertsIn(ArrearsConfig config) throws Exception {
                    assertThat(restarted.get(2, TimeUnit.MINUTES)).as("the broker's restart").isNotNull();
                }
            });
        }
    }


    @Test
    void theWallClockFiresADeadlineWithoutNewEventsButNeverRunsAheadOfItself(@TempDir Path dir) throws Exception {
        ArrearsConfig config = RealServices.freshTopicsAndIndices("clock", Map.of(
                "source.idle-timeout", "2 s", "kafka.delivery", "AT_LEAST_ONCE"));
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // Both invoices are a day past due by the wall clock; nothing after them in Kafka says so.
        for (String customer : List.of("C1", "C2")) {
            produce(config, EventStream.INVOICES, InvoiceEvent.newBuilder().setEventId("i-" + customer)
                    .setEventType(InvoiceEventType.ISSUED).setInvoiceId(customer + "-INV").setCustomerId(customer)
                    .setAmount(new BigDecimal("500.00")).setCurrency("USD").setIssueDate(today.minusDays(32))
                    .setDueDate(today.minusDays(2)).setEventTime(now.minus(Duration.ofDays(3))).build());
        }
        // C2's payment is dated five days ahead: business time must not reach it before the wall clock does.
        produce(config, EventStream.PAYMENTS, PaymentEvent.newBuilder().setEventId("p-C2")
                .setEventType(PaymentEventType.RECEIVED).setPaymentId("P-C2").setCustomerId("C2")
                .setAmount(new BigDecimal("500.00")).setCurrency("USD").setEventTime(now.plus(Duration.ofDays(5)))
                .build());

        StreamExecutionEnvironment env = JobEnvironment.local(dir.resolve("checkpoints"), Duration.ofSeconds(1), 2);
        CollectionsJob.build(env, config);
        JobClient job = env.executeAsync("clock");
        try {
            String alertsTopic = config.get(ArrearsOptions.TOPIC_ALERTS);
            var decoder = RegistryAvro.deserializer(Alert.class, config.registry());
            List<Alert> alerts = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : KafkaTestClient.consume(config, alertsTopic, 2,
                    Duration.ofSeconds(90))) {
                alerts.add(decoder.deserialize(record.value()));
            }
            // A third record (a wrong RESOLVED) would come within seconds; give it seven before concluding none.
            List<ConsumerRecord<byte[], byte[]>> later = KafkaTestClient.consume(config, alertsTopic, 3,
                    Duration.ofSeconds(7));

            assertThat(alerts).extracting(a -> a.getCustomerId() + " " + a.getStatus() + " " + a.getStageDays())
                    .containsExactlyInAnyOrder("C1 OPEN 1", "C2 OPEN 1");
            assertThat(alerts).allSatisfy(a -> assertThat(a.getTriggeredAt())
                    .isEqualTo(today.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            assertThat(later).as("C2's future payment stays unapplied: no RESOLVED").hasSize(2);
        } finally {
            job.cancel().get();
        }
    }

    private static void produce(ArrearsConfig config, EventStream stream, org.apache.avro.specific.SpecificRecord record)
            throws Exception {
        @SuppressWarnings({"unchecked", "rawtypes"})
        byte[] value = RegistryAvro.serializer((Class) record.getClass(), config.topic(stream), config.registry())
                .serialize(record);
        KafkaTestClient.produce(config, config.topic(stream), String.valueOf(record.get(record.getSchema()
                .getField("customerId").pos())), value);
    }

}
