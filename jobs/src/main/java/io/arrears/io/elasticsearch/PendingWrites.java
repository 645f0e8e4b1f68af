package io.arrears.io.elasticsearch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes a sink writer owes Elasticsearch: those waiting to be sent, newest version per document only, and
 * those handed out in batches (sent, or on their way to the dead-letter output) and not yet acknowledged. All
 * of them go into every checkpoint, so that none is lost whatever happens to Elasticsearch or to the job; since
 * writes carry external versions, sending one again after a restart is harmless. Waiting for Elasticsearch never
 * holds up a checkpoint, and an outage costs memory bounded by the documents it touched, not by the writes.
 * Not thread-safe: the writer's task thread owns it.
 */
final class PendingWrites {

    private record Key(String index, String id) {
        static Key of(EsWrite write) {
            return new Key(write.index(), write.id());
        }
    }

    private final LinkedHashMap<Key, EsWrite> waiting = new LinkedHashMap<>();
    private final Map<Long, List<EsWrite>> handedOut = new HashMap<>();
    private long nextBatch;
    private long bytes;
    private int handedOutWrites;

    /** Queues a write, unless a newer version of its document waits already (it replaces an older one). */
    void add(EsWrite write) {
        Key key = Key.of(write);
        EsWrite queued = waiting.get(key);
        if (queued != null && queued.version() >= write.version()) {
            return;
        }
        if (queued != null) {
            bytes -= queued.bytes();
            waiting.remove(key); // the newer version queues at the end, behind documents waiting longer
        }
        waiting.put(key, write);
        bytes += write.bytes();
    }

    /** The oldest waiting writes, at most {@code maxWrites} and (beyond the first) {@code maxBytes}, handed out. */
    Batch take(int maxWrites, long maxBytes) {
        List<EsWrite> writes = new ArrayList<>();
        long size = 0;
        Iterator<EsWrite> oldest = waiting.values().iterator();
        while (oldest.hasNext() && writes.size() < maxWrites) {
            EsWrite write = oldest.next();
            if (!writes.isEmpty() && size + write.json().length > maxBytes) {
                break;
            }
            oldest.remove();
            writes.add(write);
            size += write.json().length;
        }
        return batch(writes); // their bytes stay counted: they moved from waiting to handed out
    }

    /**
     * Hands out writes that are no longer owed (those of a batch just done with: the halves of one too large,
     * refused ones on their way to the dead-letter output), as a batch of their own, owed again.
     */
    Batch handOut(List<EsWrite> writes) {
        for (EsWrite write : writes) {
            bytes += write.bytes();
        }
        return batch(writes);
    }

    private Batch batch(List<EsWrite> writes) {
        long id = nextBatch++;
        handedOut.put(id, List.copyOf(writes));
        handedOutWrites += writes.size();
        return new Batch(id, List.copyOf(writes));
    }

    /** A handed-out batch is done with, whatever became of it. */
    void done(Batch batch) {
        List<EsWrite> writes = handedOut.remove(batch.id());
        if (writes != null) {
            handedOutWrites -= writes.size();
            for (EsWrite write : writes) {
                bytes -= write.bytes();
            }
        }
    }

    /** A batch is done with except {@code again}, which waits again (unless newer versions wait already). */
    void retry(Batch batch, Collection<EsWrite> again) {
        done(batch);
        again.forEach(this::add);
    }

    boolean isEmpty() {
        return waiting.isEmpty() && handedOut.isEmpty();
    }

    int waitingCount() {
        return waiting.size();
    }

    int handedOutBatches() {
        return handedOut.size();
    }

    /** Writes waiting or handed out. */
    int count() {
        return waiting.size() + handedOutWrites;
    }

    long bytes() {
        return bytes;
    }

    /** Everything owed, newest version per document: what a checkpoint keeps. */
    List<EsWrite> owed() {
        LinkedHashMap<Key, EsWrite> newest = new LinkedHashMap<>();
        for (List<EsWrite> batch : handedOut.values()) {
            batch.forEach(write -> newest.merge(Key.of(write), write, PendingWrites::newer));
        }
        waiting.values().forEach(write -> newest.merge(Key.of(write), write, PendingWrites::newer));
        return new ArrayList<>(newest.values());
    }

    private static EsWrite newer(EsWrite a, EsWrite b) {
        return b.version() > a.version() ? b : a;
    }

    /** Writes handed out together, under an id of their own. */
    record Batch(long id, List<EsWrite> writes) {
    }
}
