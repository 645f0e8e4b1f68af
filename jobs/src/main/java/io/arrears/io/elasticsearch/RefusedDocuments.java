package io.arrears.io.elasticsearch;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.flink.api.connector.sink2.WriterInitContext;

import io.arrears.ingest.DeadLetter;

/** Where the sink sends the documents Elasticsearch refuses for good: the job's dead-letter output. */
@FunctionalInterface
public interface RefusedDocuments extends Serializable {

    /** For tools such as the benchmark, whose documents Elasticsearch must take: a refusal fails the job. */
    static RefusedDocuments failing() {
        return context -> new Outlet() {
            @Override
            public CompletableFuture<Void> send(List<DeadLetter> letters) {
                throw new IllegalStateException(letters.size() + " document(s) refused; the first: "
                        + letters.get(0).error());
            }

            @Override
            public void close() {
            }
        };
    }

    /** Opened once per sink writer. */
    Outlet open(WriterInitContext context) throws Exception;

    /** Sends dead letters; called on the writer's task thread. */
    interface Outlet extends AutoCloseable {

        /** Completes when every letter is stored durably; until then the writer keeps the documents it owes. */
        CompletableFuture<Void> send(List<DeadLetter> letters);

        @Override
        void close();
    }
}
