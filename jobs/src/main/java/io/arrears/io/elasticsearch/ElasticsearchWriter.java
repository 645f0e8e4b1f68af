package io.arrears.io.elasticsearch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;

/**
 * Sends bulk requests and sorts the outcome of each document: written; already newer there (HTTP 409 on an
 * external version: nothing to do); worth retrying (429, 5xx, connection failures: again after a growing
 * pause, up to the configured retries); or refused as invalid (other 4xx: the job fails at once, naming the
 * document and Elasticsearch's reason, instead of retrying forever).
 */
final class ElasticsearchWriter<T> extends AsyncSinkWriter<T, EsWrite> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchWriter.class);
    private static final int CONFLICT = 409;
    private static final int TOO_MANY_REQUESTS = 429;

    private final ElasticsearchSettings settings;
    private final RestClient restClient;
    private final ElasticsearchAsyncClient client;
    private final ScheduledExecutorService retryTimer;
    private final Counter written;
    private final Counter stale;
    private final Counter retried;

    ElasticsearchWriter(ElementConverter<T, EsWrite> converter, WriterInitContext context,
                        AsyncSinkWriterConfiguration configuration, Collection<BufferedRequestState<EsWrite>> recovered,
                        ElasticsearchSettings settings, List<IndexTemplates> templates) {
        super(converter, context, configuration, recovered);
        this.settings = settings;
        this.restClient = settings.newRestClient();
        try {
            for (IndexTemplates template : templates) {
                template.install(restClient);
            }
        } catch (IOException e) {
            closeQuietly();
            throw new ElasticsearchSinkException("cannot install the index templates on Elasticsearch at "
                    + settings.hosts() + ": " + e.getMessage(), e);
        }
        this.client = new ElasticsearchAsyncClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
        this.retryTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "elasticsearch-retry");
            thread.setDaemon(true);
            return thread;
        });
        this.written = context.metricGroup().counter("documentsWritten");
        this.stale = context.metricGroup().counter("documentsAlreadyNewer");
        this.retried = context.metricGroup().counter("documentsRetried");
    }

    @Override
    protected void submitRequestEntries(List<EsWrite> writes, ResultHandler<EsWrite> result) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (EsWrite write : writes) {
            bulk.operations(BulkOperation.of(op -> op.index(index -> index
                    .index(write.index())
                    .id(write.id())
                    .version(write.version())
                    .versionType(VersionType.External)
                    .document(BinaryData.of(write.json(), "application/json")))));
        }
        client.bulk(bulk.build()).whenComplete((response, error) -> {
            if (error == null) {
                sortOutcomes(writes, response, result);
            } else if (isRefusal(error)) {
                result.completeExceptionally(new ElasticsearchSinkException("Elasticsearch at " + settings.hosts()
                        + " refused a bulk request of " + writes.size() + " document(s): " + rootOf(error), error));
            } else {
                retryLater(writes, result, rootOf(error).toString());
            }
        });
    }

    /** An answer that repeating will not change: a 4xx other than 429 (bad request, forbidden, ...). */
    private static boolean isRefusal(Throwable error) {
        Throwable root = rootOf(error);
        if (root instanceof ElasticsearchException refused) {
            return refused.status() >= 400 && refused.status() < 500 && refused.status() != TOO_MANY_REQUESTS;
        }
        if (root instanceof ResponseException refused) {
            int status = refused.getResponse().getStatusLine().getStatusCode();
            return status >= 400 && status < 500 && status != TOO_MANY_REQUESTS;
        }
        return false;
    }

    private static Throwable rootOf(Throwable error) {
        Throwable root = error;
        while ((root instanceof java.util.concurrent.CompletionException
                || root instanceof java.util.concurrent.ExecutionException) && root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    private void sortOutcomes(List<EsWrite> writes, BulkResponse response, ResultHandler<EsWrite> result) {
        List<EsWrite> again = new ArrayList<>();
        String lastTransient = null;
        for (int i = 0; i < response.items().size(); i++) {
            BulkResponseItem item = response.items().get(i);
            EsWrite write = writes.get(i);
            if (item.error() == null) {
                written.inc();
            } else if (item.status() == CONFLICT) {
                stale.inc();
            } else if (item.status() == TOO_MANY_REQUESTS || item.status() >= 500) {
                again.add(write);
                lastTransient = "HTTP " + item.status() + " " + item.error().type() + ": " + item.error().reason();
            } else {
                result.completeExceptionally(new ElasticsearchSinkException("Elasticsearch refused document '"
                        + write.id() + "' in index '" + write.index() + "' (HTTP " + item.status() + "): "
                        + item.error().type() + ": " + item.error().reason()));
                return;
            }
        }
        if (again.isEmpty()) {
            result.complete();
        } else {
            retryLater(again, result, lastTransient);
        }
    }

    private void retryLater(List<EsWrite> writes, ResultHandler<EsWrite> result, String cause) {
        int attempt = writes.stream().mapToInt(EsWrite::attempts).max().orElse(0) + 1;
        if (attempt > settings.maxRetries()) {
            result.completeExceptionally(new ElasticsearchSinkException("Elasticsearch at " + settings.hosts()
                    + " did not take " + writes.size() + " document(s) after " + settings.maxRetries()
                    + " retries; last failure: " + cause));
            return;
        }
        LOG.warn("Retrying {} document(s) in {} (retry {} of {}): {}", writes.size(), settings.backoff(attempt),
                attempt, settings.maxRetries(), cause);
        retried.inc(writes.size());
        List<EsWrite> next = writes.stream().map(EsWrite::retried).toList();
        retryTimer.schedule(() -> result.retryForEntries(next), settings.backoff(attempt).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected long getSizeInBytes(EsWrite write) {
        return write.json().length + write.id().length() + write.index().length();
    }

    @Override
    public void close() {
        super.close();
        retryTimer.shutdownNow();
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            restClient.close();
        } catch (IOException e) {
            LOG.debug("Closing the Elasticsearch client failed", e);
        }
    }
}
