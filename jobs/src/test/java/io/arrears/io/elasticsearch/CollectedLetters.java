package io.arrears.io.elasticsearch;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.flink.api.connector.sink2.WriterInitContext;

import io.arrears.ingest.DeadLetter;

/** Dead letters of refused documents kept in this JVM under a name, for a test on a MiniCluster to read. */
record CollectedLetters(String name) implements RefusedDocuments {

    private static final Map<String, Queue<DeadLetter>> LETTERS = new ConcurrentHashMap<>();

    static CollectedLetters named(String name) {
        LETTERS.put(name, new ConcurrentLinkedQueue<>());
        return new CollectedLetters(name);
    }

    List<DeadLetter> letters() {
        return List.copyOf(LETTERS.get(name));
    }

    @Override
    public Outlet open(WriterInitContext context) {
        Queue<DeadLetter> letters = LETTERS.get(name);
        return new Outlet() {
            @Override
            public CompletableFuture<Void> send(List<DeadLetter> sent) {
                letters.addAll(sent);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
    }
}
