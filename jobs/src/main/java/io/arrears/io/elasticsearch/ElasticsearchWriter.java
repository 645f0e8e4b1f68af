package io.arrears.io.elasticsearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.function.ThrowingRunnable;
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
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;

import io.arrears.ingest.DeadLetter;
import io.arrears.model.ReasonCode;

/**
 * Sends the {@link PendingWrites} in bulk requests and sorts each document's outcome by its {@link Verdict}.
 * Elasticsearch being slow, down or refusing credentials never fails the job and never holds up a checkpoint:
 * writes wait (newest version per document, up to {@code elasticsearch.max-pending} bytes, then the writer
 * holds up its input) and sending pauses after a failure, doubling the pause up to 30 s. A document refused
 * for good goes to the dead-letter output with Elasticsearch's reason; a bulk request refused as a whole is
 * split until the document at fault stands alone. The index templates are installed before the first write,
 * in the background and again after a failure, so an unreachable Elasticsearch does not stop a (re)start.
 * Everything here runs on the task thread; answers from other threads come back through the mailbox.
 */
final class ElasticsearchWriter<T> implements StatefulSinkWriter<T, List<EsWrite>> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchWriter.class);
    private static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;

    private final ElementConverter<T, EsWrite> converter;
    private final ElasticsearchSettings settings;
    private final List<IndexTemplates> templates;
    private final SinkLimits limits;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService time;
    private final RestClient restClient;
    private final ElasticsearchAsyncClient client;
    private final ExecutorService installer;
    private final RefusedDocuments.Outlet deadLetters;
    private final PendingWrites pending = new PendingWrites();
    private final Counter written;
    private final Counter stale;
    private final Counter retried;
    private final Counter refused;

    private boolean templatesInstalled;
    private boolean installing;
    private int failuresInARow;
    private long pausedUntil;
    private boolean closed;

    ElasticsearchWriter(ElementConverter<T, EsWrite> converter, WriterInitContext context, SinkLimits limits,
                        Collection<List<EsWrite>> recovered, ElasticsearchSettings settings,
                        List<IndexTemplates> templates, RefusedDocuments refusedDocuments) throws Exception {
        this.converter = converter;
        this.settings = settings;
        this.templates = templates;
        this.limits = limits;
        this.mailbox = context.getMailboxExecutor();
        this.time = context.getProcessingTimeService();
        this.deadLetters = refusedDocuments.open(context);
        this.restClient = settings.newRestClient();
        this.client = new ElasticsearchAsyncClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
        this.installer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "elasticsearch-templates");
            thread.setDaemon(true);
            return thread;
        });
        recovered.forEach(writes -> writes.forEach(pending::add));
        this.written = context.metricGroup().counter("documentsWritten");
        this.stale = context.metricGroup().counter("documentsAlreadyNewer");
        this.retried = context.metricGroup().counter("documentsRetried");
        this.refused = context.metricGroup().counter("documentsRefused");
        context.metricGroup().gauge("documentsPending", pending::count);
        context.metricGroup().gauge("bytesPending", pending::bytes);
        converter.open(context);
        installTemplates();
        scheduleTick();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        pending.add(converter.apply(element, context));
        send(false);
        while (pending.bytes() > limits.maxPendingBytes()) {
            mailbox.yield(); // Elasticsearch lags too far behind: hold up the input until it takes some
        }
    }

    /**
     * Before a checkpoint: sends what waits, without waiting for answers (the checkpoint keeps what is owed).
     * At the end of a bounded input: waits until Elasticsearch has taken everything.
     */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        send(true);
        while (endOfInput && !pending.isEmpty()) {
            mailbox.yield();
            send(true);
        }
    }

    @Override
    public List<List<EsWrite>> snapshotState(long checkpointId) {
        return List.of(pending.owed());
    }

    /** Hands out batches while templates are in place, no pause is on and fewer than the maximum are in flight. */
    private void send(boolean partial) {
        while (templatesInstalled && time.getCurrentProcessingTime() >= pausedUntil
                && pending.handedOutBatches() < limits.maxInFlight()
                && (pending.waitingCount() >= limits.maxBatchSize() || partial && pending.waitingCount() > 0)) {
            bulk(pending.take(limits.maxBatchSize(), MAX_BATCH_BYTES));
        }
    }

    private void bulk(PendingWrites.Batch batch) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (EsWrite write : batch.writes()) {
            bulk.operations(BulkOperation.of(op -> op.index(index -> index
                    .index(write.index())
                    .id(write.id())
                    .version(write.version())
                    .versionType(VersionType.External)
                    .document(BinaryData.of(write.json(), "application/json")))));
        }
        client.bulk(bulk.build()).whenComplete((response, error) ->
                onTaskThread(() -> answered(batch, response, error), "elasticsearch bulk answer"));
    }

    private void answered(PendingWrites.Batch batch, BulkResponse response, Throwable error) {
        if (closed) {
            return;
        }
        if (error != null) {
            requestFailed(batch, error);
            return;
        }
        List<EsWrite> again = new ArrayList<>();
        List<EsWrite> refusedWrites = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        String lastFailure = null;
        for (int i = 0; i < response.items().size(); i++) {
            BulkResponseItem item = response.items().get(i);
            EsWrite write = batch.writes().get(i);
            switch (Verdict.ofItem(item.status())) {
                case WRITTEN -> written.inc();
                case STALE -> stale.inc();
                case RETRY -> {
                    again.add(write);
                    lastFailure = "HTTP " + item.status() + " " + reason(item);
                }
                case REFUSED -> {
                    refusedWrites.add(write);
                    letters.add(letter(write, "Elasticsearch refused document '" + write.id() + "' in index '"
                            + write.index() + "' (HTTP " + item.status() + "): " + reason(item)));
                }
            }
        }
        pending.retry(batch, again);
        if (again.isEmpty()) {
            failuresInARow = 0;
        } else {
            retried.inc(again.size());
            pause(again.size() + " document(s)", lastFailure);
        }
        if (!letters.isEmpty()) {
            deadLetter(letters, refusedWrites);
        }
        send(false);
    }

    private static String reason(BulkResponseItem item) {
        return item.error() == null ? "" : item.error().type() + ": " + item.error().reason();
    }

    private void requestFailed(PendingWrites.Batch batch, Throwable error) {
        Throwable root = rootOf(error);
        int status = statusOf(root);
        if (Verdict.ofRequest(status) == Verdict.REFUSED) {
            pending.done(batch);
            if (batch.writes().size() == 1) {
                EsWrite write = batch.writes().get(0);
                deadLetter(List.of(letter(write, "Elasticsearch refused a bulk request holding only document '"
                        + write.id() + "' of index '" + write.index() + "' (HTTP " + status + "): " + root)),
                        batch.writes());
            } else {
                int half = batch.writes().size() / 2;
                LOG.info("Elasticsearch refused a bulk request of {} documents (HTTP {}); sending it in halves to "
                        + "find the document at fault", batch.writes().size(), status);
                bulk(pending.handOut(batch.writes().subList(0, half)));
                bulk(pending.handOut(batch.writes().subList(half, batch.writes().size())));
            }
            return;
        }
        pending.retry(batch, batch.writes());
        retried.inc(batch.writes().size());
        pause(batch.writes().size() + " document(s)", status < 0 ? root.toString() : "HTTP " + status + ": " + root);
    }

    /** The writes go to the dead-letter output; they stay owed until it has stored them. */
    private void deadLetter(List<DeadLetter> letters, List<EsWrite> writes) {
        PendingWrites.Batch held = pending.handOut(writes);
        deadLetters.send(letters).whenComplete((ok, error) -> onTaskThread(() -> {
            if (error == null) {
                refused.inc(letters.size());
                pending.done(held);
                LOG.warn("{} document(s) refused by Elasticsearch went to the dead-letter output; the first: {}",
                        letters.size(), letters.get(0).error());
            } else {
                pending.retry(held, held.writes());
                pause(letters.size() + " refused document(s)", "the dead-letter output failed: " + rootOf(error));
            }
        }, "dead letters of refused documents"));
    }

    private DeadLetter letter(EsWrite write, String error) {
        return DeadLetter.of("elasticsearch:" + write.index(), -1, write.version(),
                write.id().getBytes(StandardCharsets.UTF_8), write.json(), ReasonCode.UNWRITABLE, error,
                System.currentTimeMillis());
    }

    private void pause(String what, String cause) {
        failuresInARow++;
        long pause = settings.backoff(failuresInARow).toMillis();
        pausedUntil = time.getCurrentProcessingTime() + pause;
        LOG.warn("Elasticsearch at {} did not take {} ({} failure(s) in a row); {} document(s) owed, trying again "
                + "in {} ms: {}", settings.hosts(), what, failuresInARow, pending.count(), pause, cause);
    }

    private void installTemplates() {
        installing = true;
        installer.execute(() -> {
            Exception failure = null;
            try {
                for (IndexTemplates template : templates) {
                    template.install(restClient);
                }
            } catch (Exception e) {
                failure = e;
            }
            Exception outcome = failure;
            onTaskThread(() -> {
                installing = false;
                if (outcome == null) {
                    templatesInstalled = true;
                    failuresInARow = 0;
                    send(true);
                } else {
                    pause("the index templates", outcome.toString());
                }
            }, "elasticsearch templates installed");
        });
    }

    /** Every bulk interval: sends partly filled batches, ends pauses and tries the templates again. */
    private void scheduleTick() {
        time.registerTimer(time.getCurrentProcessingTime() + limits.maxTimeInBufferMillis(), now -> {
            if (closed) {
                return;
            }
            if (!templatesInstalled && !installing && now >= pausedUntil) {
                installTemplates();
            }
            send(true);
            scheduleTick();
        });
    }

    private void onTaskThread(ThrowingRunnable<? extends Exception> action, String description) {
        try {
            mailbox.execute(action, description);
        } catch (RejectedExecutionException closing) {
            LOG.debug("The task is closing; dropped: {}", description); // what is owed is in the last checkpoint
        }
    }

    private static Throwable rootOf(Throwable error) {
        Throwable root = error;
        while ((root instanceof CompletionException || root instanceof ExecutionException)
                && root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    /** The HTTP status of a failed request, or -1 when there was no answer (connection refused or lost). */
    private static int statusOf(Throwable root) {
        if (root instanceof ElasticsearchException answer) {
            return answer.status();
        }
        if (root instanceof TransportException answer && answer.response() != null) {
            return answer.statusCode();
        }
        if (root instanceof ResponseException answer) {
            return answer.getResponse().getStatusLine().getStatusCode();
        }
        return root.getCause() != null && root.getCause() != root ? statusOf(root.getCause()) : -1;
    }

    @Override
    public void close() throws Exception {
        closed = true;
        installer.shutdownNow();
        try (RestClient rest = restClient; RefusedDocuments.Outlet outlet = deadLetters) {
            LOG.debug("Closing the Elasticsearch writer with {} document(s) owed", pending.count());
        }
    }
}
