package io.arrears.cli.benchmark;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.io.elasticsearch.Documents;
import io.arrears.io.elasticsearch.ElasticsearchSettings;
import io.arrears.io.elasticsearch.ElasticsearchSink;
import io.arrears.io.elasticsearch.EsWrite;
import io.arrears.io.elasticsearch.IndexTemplates;
import io.arrears.io.elasticsearch.RefusedDocuments;
import io.arrears.io.elasticsearch.SinkLimits;
import io.arrears.ledger.AlertTransition;
import io.arrears.model.AlertStatus;
import io.arrears.model.AlertType;
import io.arrears.model.Severity;
import io.arrears.pipeline.DomainTypes;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.stack.LocalStack;

/**
 * Part 6: documents per second into Elasticsearch through the job's sink (a Flink job of generated alert
 * documents, with the job's parallelism and bulk settings) against elasticsearch-java's own BulkIngester
 * writing the same documents (same ids, external versions, index template, batch size and requests in flight
 * in all) to the same Elasticsearch. Each writes into fresh indices, for the full count and a tenth of it.
 */
final class ElasticsearchThroughput {

    record Result(Measurement sink, Measurement ingester) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = java.time.Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private final BenchmarkCluster cluster;
    private final Settings settings;
    private final ArrearsConfig config;
    private int indices;
    private String lastIndex;

    ElasticsearchThroughput(BenchmarkCluster cluster, Settings settings, LocalStack stack) {
        this.cluster = cluster;
        this.settings = settings;
        this.config = settings.config(java.util.Map.of("elasticsearch.hosts", stack.elasticsearchUrl()));
    }

    Result measure(long documents) {
        long prefix = Math.max(1, documents / 10);
        Measurement sink = Measurement.of(documents, prefix, settings.budget(), count -> cluster.within(settings.budget(), () -> {
            viaSink(count);
            return null;
        }));
        Measurement ingester = Measurement.of(documents, prefix, settings.budget(), this::viaBulkIngester);
        try {
            deleteLastIndex();
        } catch (IOException e) {
            // a leftover index of the benchmark's own stack, which stops with it
        }
        return new Result(sink, ingester);
    }

    private void viaSink(long count) throws Exception {
        String index = freshIndex("sink");
        StreamExecutionEnvironment env = JobEnvironment.local(java.nio.file.Files.createDirectories(
                        settings.work().resolve("checkpoints-es")), io.arrears.replay.Replay.CHECKPOINT_INTERVAL,
                settings.parallelism(), cluster.target());
        DataGeneratorSource<AlertTransition> alerts = new DataGeneratorSource<>(ElasticsearchThroughput::alert, count,
                DomainTypes.of(AlertTransition.class));
        env.fromSource(alerts, WatermarkStrategy.noWatermarks(), "alerts")
                .sinkTo(new ElasticsearchSink<>(Documents.alerts(index), ElasticsearchSettings.from(config),
                        List.of(IndexTemplates.alerts(index)), new SinkLimits(batch(), inFlight(),
                                config.get(ArrearsOptions.ELASTICSEARCH_BULK_INTERVAL),
                                config.get(ArrearsOptions.ELASTICSEARCH_MAX_PENDING).getBytes()),
                        RefusedDocuments.failing()))
                .name("alerts-elasticsearch");
        env.execute("benchmark-elasticsearch-sink");
        expectDocuments(index, count);
    }

    private void viaBulkIngester(long count) throws Exception {
        String index = freshIndex("ingester");
        var converter = Documents.alerts(index);
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        try (RestClient rest = ElasticsearchSettings.from(config).newRestClient()) {
            IndexTemplates.alerts(index).install(rest);
            ElasticsearchClient client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
            BulkListener<Void> listener = new BulkListener<>() {
                @Override
                public void beforeBulk(long executionId, BulkRequest request, List<Void> contexts) {
                }

                @Override
                public void afterBulk(long executionId, BulkRequest request, List<Void> contexts,
                                      BulkResponse response) {
                    response.items().stream().filter(item -> item.error() != null).forEach(item -> {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, item.error().reason());
                    });
                }

                @Override
                public void afterBulk(long executionId, BulkRequest request, List<Void> contexts,
                                      Throwable failure) {
                    failed.addAndGet(request.operations().size());
                    firstFailure.compareAndSet(null, failure.toString());
                }
            };
            try (BulkIngester<Void> ingester = BulkIngester.of(builder -> builder.client(client)
                    .maxOperations(batch())
                    .maxConcurrentRequests(inFlight() * settings.parallelism())
                    .flushInterval(config.get(ArrearsOptions.ELASTICSEARCH_BULK_INTERVAL).toMillis(),
                            TimeUnit.MILLISECONDS)
                    .listener(listener))) {
                for (long n = 0; n < count; n++) {
                    EsWrite write = converter.apply(alert(n), null);
                    ingester.add(BulkOperation.of(op -> op.index(doc -> doc.index(write.index()).id(write.id())
                            .version(write.version()).versionType(VersionType.External)
                            .document(BinaryData.of(write.json(), "application/json")))));
                }
            }
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " documents refused, first: " + firstFailure.get());
        }
        expectDocuments(index, count);
    }

    private int batch() {
        return config.get(ArrearsOptions.ELASTICSEARCH_BULK_ACTIONS);
    }

    private int inFlight() {
        return config.get(ArrearsOptions.ELASTICSEARCH_IN_FLIGHT);
    }

    /** A new index name; the previous run's index is deleted so that every run starts from the same disk. */
    private String freshIndex(String writer) throws IOException {
        deleteLastIndex();
        lastIndex = "benchmark-es-" + writer + "-" + (++indices);
        return lastIndex;
    }

    void deleteLastIndex() throws IOException {
        if (lastIndex == null) {
            return;
        }
        try (RestClient rest = ElasticsearchSettings.from(config).newRestClient()) {
            rest.performRequest(new Request("DELETE", "/" + lastIndex));
            rest.performRequest(new Request("DELETE", "/_index_template/" + lastIndex));
        } catch (ResponseException gone) {
            // never created: the run failed before writing
        }
        lastIndex = null;
    }

    /** A run counts only if every document is there. */
    private void expectDocuments(String index, long count) throws IOException {
        try (RestClient rest = ElasticsearchSettings.from(config).newRestClient()) {
            rest.performRequest(new Request("POST", "/" + index + "/_refresh"));
            long found = JSON.readTree(rest.performRequest(new Request("GET", "/" + index + "/_count"))
                    .getEntity().getContent()).get("count").asLong();
            if (found != count) {
                throw new IllegalStateException(index + " holds " + found + " of " + count + " documents");
            }
        } catch (ResponseException e) {
            throw new IllegalStateException("cannot count the documents of " + index + ": " + e.getMessage(), e);
        }
    }

    /** The n-th generated alert document: an overdue invoice of one of 1,000 customers. */
    private static AlertTransition alert(long n) {
        String customer = "C" + (n % 1000);
        return new AlertTransition(customer + ":INVOICE_OVERDUE:INV-" + n + ":30", AlertType.INVOICE_OVERDUE,
                AlertStatus.OPEN, Severity.WARNING, customer, "INV-" + n, null, null, "col-" + (n % 5 + 1), "SMB",
                false, 10_000 + n % 100_000, "USD", 30, START + n * 1000,
                "Invoice INV-" + n + " is 30 days past due: " + (100 + n % 1000) + ".00 USD open.", START + n * 1000,
                null);
    }
}
