package io.arrears.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.ledger.CustomerSnapshot;
import io.arrears.pipeline.DomainTypes;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.stack.Service;
import io.arrears.stack.SharedLocalStack;
import io.arrears.testing.ElasticsearchTestClient;
import io.arrears.testing.HttpGateway;

/** The sink against the real Elasticsearch, and against a gateway that fails like an overloaded cluster. */
class ElasticsearchSinkTest {

    private static final AtomicInteger INDICES = new AtomicInteger();

    private static String elasticsearch() {
        return SharedLocalStack.with(Service.ELASTICSEARCH).elasticsearchUrl();
    }

    private static ElasticsearchSettings settings(String host, int maxRetries) {
        return new ElasticsearchSettings(List.of(host), null, null, null, null, null, "PKCS12", maxRetries,
                Duration.ofMillis(50));
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
                CustomerSnapshot.class, new ElasticsearchSink<>(Documents.customers(index), settings(elasticsearch(), 3),
                        List.of(IndexTemplates.customers(index)), 2, 2, Duration.ofMillis(100)));

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
                new ElasticsearchSink<>(Documents.customers(index), settings(elasticsearch(), 3),
                        List.of(IndexTemplates.customers(index)), 2, 2, Duration.ofMillis(100)));

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
                    new ElasticsearchSink<>(Documents.customers(index), settings(overloaded.url(), 5),
                            List.of(IndexTemplates.customers(index)), 10, 1, Duration.ofMillis(100)));
            assertThat(overloaded.failed()).isEqualTo(3);
        }
        assertThat(ElasticsearchTestClient.all(reading(elasticsearch()), index)).hasSize(2);
    }

    @Test
    void aDocumentElasticsearchRefusesFailsTheJobNamingTheDocumentAndTheReason(@TempDir Path dir) {
        String index = "sinktest-" + INDICES.incrementAndGet() + ".arrears-customers";
        ElementConverter<String, EsWrite> raw = (json, context) -> new EsWrite(index, "C9", 1,
                json.getBytes(StandardCharsets.UTF_8), 0);
        assertThatThrownBy(() -> write(dir, List.of("{\"customerId\":\"C9\",\"bogus\":1}"), String.class,
                new ElasticsearchSink<>(raw, settings(elasticsearch(), 3), List.of(IndexTemplates.customers(index)),
                        10, 1, Duration.ofMillis(100))))
                .hasStackTraceContaining("Elasticsearch refused document 'C9' in index '" + index + "' (HTTP 400)")
                .hasStackTraceContaining("strict_dynamic_mapping_exception");
    }

    @Test
    void anElasticsearchThatStaysDownFailsTheJobAfterTheRetries(@TempDir Path dir) throws Exception {
        String index = "sinktest-" + INDICES.incrementAndGet() + ".arrears-customers";
        try (HttpGateway down = HttpGateway.failingFirst(elasticsearch(), "/_bulk", Integer.MAX_VALUE, 503)) {
            assertThatThrownBy(() -> write(dir, List.of(snapshot("C1", 100, 1)), CustomerSnapshot.class,
                    new ElasticsearchSink<>(Documents.customers(index), settings(down.url(), 2),
                            List.of(IndexTemplates.customers(index)), 10, 1, Duration.ofMillis(100))))
                    .hasStackTraceContaining("did not take 1 document(s) after 2 retries");
            assertThat(down.failed()).isEqualTo(3);
        }
    }
}
