package io.arrears.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.io.kafka.KafkaDeadLetters;
import io.arrears.io.registry.RegistryAvro;
import io.arrears.ledger.CustomerSnapshot;
import io.arrears.model.ReasonCode;
import io.arrears.pipeline.DomainTypes;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.stack.Service;
import io.arrears.stack.SharedLocalStack;
import io.arrears.testing.ElasticsearchTestClient;
import io.arrears.testing.HttpGateway;
import io.arrears.testing.KafkaTestClient;
import io.arrears.testing.Soak;
import io.arrears.testing.RealServices;

/** The sink against the real Elasticsearch, and against a gateway that fails like an overloaded cluster. */
class ElasticsearchSinkTest {

    private static final AtomicInteger INDICES = new AtomicInteger();

    private static String elasticsearch() {
        return SharedLocalStack.with(Service.ELASTICSEARCH).elasticsearchUrl();
    }

    private static ElasticsearchSettings settings(String host) {
        return new ElasticsearchSettings(List.of(host), null, null, null, null,
                Duration.ofMillis(50));
    }

    private static SinkLimits limits(int batch, int inFlight) {
        return new SinkLimits(batch, inFlight, Duration.ofMillis(100), 16L * 1024 * 1024);
    }

    private static ElasticsearchSink<CustomerSnapshot> customers(String index, String host, int batch, int inFlight,
                                                                 CollectedLetters refused) {
        return new ElasticsearchSink<>(Documents.customers(index), settings(host),
                List.of(IndexTemplates.customers(index)), limits(batch, inFlight), refused);
    }

    private static CustomerSnapshot snapshot(String customerId, long arTotal, long revision) {
        return new CustomerSnapshot(customerId, 1_780_000_000_000L, "Acme", "SMB", "EMEA", "col-1", "USD", 1, arTotal,
                arTotal, 0, 0, 0, 0, 0, 0, 0, 0, null, null, revision, null);
    }

    private static <T> void write(Path dir, List<T> elements, Class<T> type, ElasticsearchSink<T> sink)
            throws Exception {
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = JobEnvironment.local(dir, Duration.ofSeconds(1), 1, noRestarts);
        env.fromData(DomainTypes.of(type), array(elements, type))
                .sinkTo(sink).uid("sink").name("sink");
        env.execute("elasticsearch-sink");
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] array(List<T> elements, Class<T> type) {
        return elements.toArray((T[]) java.lang.reflect.Array.newInstance(type, elements.size()));
    }

    private static ArrearsConfig reading(String host) {
        return ArrearsConfig.of(Map.of("elasticsearch.hosts", host));
    }

    @Test
    void anIdBeyondElasticsearchsLimitIsWrittenUnderItsHashAndStillConverges(@TempDir Path dir) throws Exception {
        String index = "sinktest-" + INDICES.incrementAndGet() + ".arrears-customers";
        String longId = "C".repeat(28) + "\u00e9".repeat(100) + "\ud83d\ude00".repeat(25); // 128 characters, 328 bytes
        String longer = longId + ":" + longId; // as alert ids join ids: 657 bytes, over the 512 allowed
        write(dir, List.of(snapshot(longer, 100, 1_000), snapshot(longer, 200, 2_000), snapshot(longer, 150, 1_500)),
                CustomerSnapshot.class, customers(index, elasticsearch(), 2, 2, CollectedLetters.named(index)));

        List<JsonNode> documents = ElasticsearchTestClient.all(reading(elasticsearch()), index);
        assertThat(documents).extracting(d -> d.get("customerId").asText() + "=" + d.get("arTotal").asText())
                .containsExactly(longer + "=2.00");
        assertThat(Documents.documentId(longer)).startsWith("sha256:").hasSize(71)
                .isEqualTo(Documents.documentId(longer));
        assertThat(Documents.documentId(longId)).isEqualTo(longId);
    }

    @Test
    void documentsConvergeToTheNewestVersionWhateverTheOrderAndRepeats(@TempDir Path dir) throws Exception {
        String index = "sinktest-" + INDICES.incrementAndGet() + ".arrears-customers";
        write(dir, List.of(snapshot("C1", 300, 3_000), snapshot("C1", 100, 1_000), snapshot("C2", 50, 7),
                        snapshot("C1", 200, 2_000), snapshot("C1", 300, 3_000)), CustomerSnapshot.class,
                customers(index, elasticsearch(), 2, 2, CollectedLetters.named(index)));

        List<JsonNode> documents = ElasticsearchTestClient.all(reading(elasticsearch()), index);
        assertThat(documents).extracting(d -> d.get("customerId").asText() + "=" + d.get("arTotal").asText())
                .containsExactlyInAnyOrder("C1=3.00", "C2=0.50");
        JsonNode mapping = ElasticsearchTestClient.get(reading(elasticsearch()), "/" + index + "/_mapping");
        assertThat(mapping.at("/" + index + "/mappings/dynamic").asText()).isEqualTo("strict");
        assertThat(mapping.at("/" + index + "/mappings/properties/arTotal/type").asText()).isEqualTo("double");
    }

    @Test
    void transientFailuresAreRetriedAfterAPause(@TempDir Path dir) throws Exception {
        String index = "sinktest-" + INDICES.incrementAndGet() + ".arrears-customers";
        try (HttpGateway overloaded = HttpGateway.failingFirst(elasticsearch(), "/_bulk", 3, 429)) {
            write(dir, List.of(snapshot("C1", 100, 1), snapshot("C2", 200, 1)), CustomerSnapshot.class,
                    customers(index, overloaded.url(), 10, 1, CollectedLetters.named(index)));
            assertThat(overloaded.failed()).isEqualTo(3);
        }
        assertThat(ElasticsearchTestClient.all(reading(elasticsearch()), index)).hasSize(2);
    }

    @Test
    void aDocumentElasticsearchRefusesIsDeadLetteredOnKafkaWithTheReasonAndTheOthersAreWritten(@TempDir Path dir)
            throws Exception {
        String index = "sinktest-" + INDICES.incrementAndGet() + ".arrears-customers";
        ArrearsConfig config = RealServices.freshTopics("es-refused", Map.of("elasticsearch.hosts", elasticsearch()));
        ElementConverter<String, EsWrite> raw = (json, context) -> new EsWrite(index,
                json.substring(15, 17), 1, json.getBytes(StandardCharsets.UTF_8));
        write(dir, List.of("{\"customerId\":\"C1\"}", "{\"customerId\":\"C9\",\"bogus\":1}",
                "{\"customerId\":\"C2\"}"), String.class, new ElasticsearchSink<>(raw, settings(elasticsearch()),
                List.of(IndexTemplates.customers(index)), limits(10, 1), KafkaDeadLetters.of(config)));

        assertThat(ElasticsearchTestClient.all(reading(elasticsearch()), index))
                .extracting(d -> d.get("customerId").asText()).containsExactlyInAnyOrder("C1", "C2");
        var decoder = RegistryAvro.deserializer(io.arrears.events.DeadLetter.class, config.registry());
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTestClient.consume(config,
                config.get(ArrearsOptions.TOPIC_DEADLETTER), 1, Duration.ofSeconds(30));
        assertThat(records).singleElement().satisfies(record -> {
            io.arrears.events.DeadLetter letter = decoder.deserialize(record.value());
            assertThat(letter.getSourceTopic()).isEqualTo("elasticsearch:" + index);
            assertThat(letter.getReasonCode()).isEqualTo(ReasonCode.UNWRITABLE.name());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("C9");
            assertThat(StandardCharsets.UTF_8.decode(letter.getValue()).toString()).contains("bogus");
            assertThat(letter.getError()).contains("refused document 'C9' in index '" + index + "' (HTTP 400)",
                    "strict_dynamic_mapping_exception");
        });
    }

    @Test
    void aBulkRequestRefusedAsTooLargeIsSplitUntilTheDocumentAtFaultStandsAlone(@TempDir Path dir)
            throws Exception {
        String index = "sinktest-" + INDICES.incrementAndGet() + ".arrears-customers";
        CollectedLetters refused = CollectedLetters.named(index);
        List<CustomerSnapshot> snapshots = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            snapshots.add(snapshot("C" + i, 100 + i, 1));
        }
        CustomerSnapshot big = snapshot("C3", 103, 1);
        snapshots.set(3, new CustomerSnapshot(big.customerId(), big.asOf(), "N".repeat(20_000), big.segment(),
                big.region(), big.collectorId(), big.currency(), 1, 103, 103, 0, 0, 0, 0, 0, 0, 0, 0, null, null, 1,
                null));
        try (HttpGateway proxy = HttpGateway.limitingBodies(elasticsearch(), 12_000)) {
            write(dir, snapshots, CustomerSnapshot.class, customers(index, proxy.url(), 8, 1, refused));
            assertThat(proxy.failed()).isGreaterThanOrEqualTo(4); // 8, 4, 2 and 1 documents with C3
        }
        assertThat(ElasticsearchTestClient.all(reading(elasticsearch()), index))
                .extracting(d -> d.get("customerId").asText())
                .containsExactlyInAnyOrder("C0", "C1", "C2", "C4", "C5", "C6", "C7");
        assertThat(refused.letters()).singleElement().satisfies(letter -> {
            assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("C3");
            assertThat(letter.error()).contains("holding only document 'C3'", "HTTP 413");
            assertThat(letter.valueLength()).isGreaterThan(20_000);
        });
    }

    @Test
    void duringAnOutageCheckpointsCompleteAndAfterwardsEachDocumentIsTheNewest(@TempDir Path dir)
            throws Exception {
        String index = "sinktest-" + INDICES.incrementAndGet() + ".arrears-customers";
        CollectedLetters refused = CollectedLetters.named(index);
        try (HttpGateway gateway = HttpGateway.http(elasticsearch(), null)) {
            gateway.down(true); // from the start: the templates cannot be installed either
            Outage.start(index);
            Configuration noRestarts = new Configuration();
            noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            StreamExecutionEnvironment env = JobEnvironment.local(dir, Duration.ofMillis(200), 1, noRestarts);
            env.fromSequence(0, 2_999).map(new Outage(index)).returns(CustomerSnapshot.class).uid("snapshots")
                    .sinkTo(customers(index, gateway.url(), 50, 2, refused)).uid("sink").name("sink");
            org.apache.flink.core.execution.JobClient job = env.executeAsync("elasticsearch-outage");

            // As many checkpoints as the soak's outage lasts at one per 200 ms, and at least 5.
            Outage.awaitCheckpoints(index, (int) Math.max(5, Soak.outage().toMillis() / 200),
                    Duration.ofSeconds(60).plus(Soak.outage().multipliedBy(2)));
            int duringOutage = Outage.checkpointsCompleted(index);
            int failedRequests = gateway.failed();
            gateway.down(false);
            Outage.end(index);
            job.getJobExecutionResult().get(2, java.util.concurrent.TimeUnit.MINUTES);

            assertThat(duringOutage).as("checkpoints completed while Elasticsearch was down")
                    .isGreaterThanOrEqualTo((int) Math.max(5, Soak.outage().toMillis() / 200 / 4));
            assertThat(failedRequests).isGreaterThan(0);
        }
        List<JsonNode> documents = ElasticsearchTestClient.all(reading(elasticsearch()), index);
        assertThat(documents).hasSize(Outage.CUSTOMERS);
        for (JsonNode document : documents) {
            int customer = Integer.parseInt(document.get("customerId").asText().substring(1));
            long newest = 2_999 - (2_999 - customer) % Outage.CUSTOMERS;
            assertThat(document.get("arTotal").decimalValue()).isEqualByComparingTo(
                    java.math.BigDecimal.valueOf(newest, 2));
        }
        assertThat(refused.letters()).isEmpty();
    }

    /**
     * Turns sequence numbers into snapshots of {@value #CUSTOMERS} customers, slowly while the outage lasts, and
     * counts the checkpoints completed meanwhile.
     */
    static final class Outage extends org.apache.flink.api.common.functions.RichMapFunction<Long, CustomerSnapshot>
            implements org.apache.flink.api.common.state.CheckpointListener {

        static final int CUSTOMERS = 100;
        private static final Map<String, java.util.concurrent.Semaphore> COMPLETED =
                new java.util.concurrent.ConcurrentHashMap<>();
        private static final Map<String, Boolean> ONGOING = new java.util.concurrent.ConcurrentHashMap<>();

        private final String name;

        Outage(String name) {
            this.name = name;
        }

        static void start(String name) {
            COMPLETED.put(name, new java.util.concurrent.Semaphore(0));
            ONGOING.put(name, true);
        }

        static void end(String name) {
            ONGOING.put(name, false);
        }

        static int checkpointsCompleted(String name) {
            return COMPLETED.get(name).availablePermits();
        }

        /** Waits, at most {@code bound}, until {@code count} checkpoints completed during the outage. */
        static void awaitCheckpoints(String name, int count, Duration bound) throws InterruptedException {
            java.util.concurrent.Semaphore completed = COMPLETED.get(name);
            if (completed.tryAcquire(count, bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                completed.release(count); // counted, not consumed
            }
        }

        @Override
        public CustomerSnapshot map(Long i) throws InterruptedException {
            if (ONGOING.get(name)) {
                Thread.sleep(Math.max(5, Soak.outage().toMillis() / 2_000)); // the input outlasts the outage
            }
            return snapshot("C" + (i % CUSTOMERS), i, i);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (ONGOING.get(name)) {
                COMPLETED.get(name).release();
            }
        }
    }
}
