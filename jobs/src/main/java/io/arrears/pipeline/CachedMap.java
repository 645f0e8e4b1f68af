package io.arrears.pipeline;

import static io.arrears.pipeline.StateAccess.call;
import static io.arrears.pipeline.StateAccess.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.apache.flink.api.common.state.MapState;

/**
 * One MapState of the {@link CustomerCache}'s current customer: its entries on the heap, read from RocksDB whole
 * at their first use while the cache is settled, else one at a time as they are asked for (absent ones
 * remembered too); changes stay on the heap until the cache writes them back.
 */
final class CachedMap<K extends Comparable<K>, V> {

    private final CustomerCache cache;
    private final int slot;
    private final MapState<K, V> state;
    private final ToLongFunction<V> expiresAt;

    CachedMap(CustomerCache cache, int slot, MapState<K, V> state, ToLongFunction<V> expiresAt) {
        this.cache = cache;
        this.slot = slot;
        this.state = state;
        this.expiresAt = expiresAt;
    }

    V get(K key) {
        Part<K, V> part = part();
        if (part == null) {
            return call(() -> state.get(key));
        }
        Entry<V> entry = part.entries.get(key);
        if (entry != null) {
            return entry.value;
        }
        if (part.complete) {
            return null;
        }
        V value = call(() -> state.get(key));
        part.entries.put(key, new Entry<>(value)); // also when absent: asking again costs nothing
        return value;
    }

    boolean contains(K key) {
        return get(key) != null;
    }

    void put(K key, V value) {
        cache.changing();
        part().entries.computeIfAbsent(key, k -> new Entry<>(null)).change(value);
    }

    void remove(K key) {
        cache.changing();
        Part<K, V> part = part();
        Entry<V> entry = part.entries.get(key);
        if (entry == null && !part.complete) {
            part.entries.put(key, new Entry<V>(null).change(null)); // RocksDB may hold it
        } else if (entry != null && entry.value != null) {
            entry.change(null);
        }
    }

    /** A copy of the values in the order of their keys, so that callers may change the map meanwhile. */
    List<V> values() {
        List<V> found = new ArrayList<>();
        for (Map.Entry<K, V> entry : entries()) {
            found.add(entry.getValue());
        }
        return found;
    }

    /** A copy of the entries in the order of their keys; the customer's map is then on the heap whole. */
    List<Map.Entry<K, V>> entries() {
        Part<K, V> part = part();
        List<Map.Entry<K, V>> found = new ArrayList<>();
        if (part == null) {
            call(() -> state.entries()).forEach(e -> found.add(Map.entry(e.getKey(), e.getValue())));
        } else {
            complete(part);
            part.entries.forEach((key, entry) -> {
                if (entry.value != null) {
                    found.add(Map.entry(key, entry.value));
                }
            });
        }
        found.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        return found;
    }

    /** The current customer's part of the map, read whole if the cache is settled; null outside a wake-up. */
    @SuppressWarnings("unchecked")
    private Part<K, V> part() {
        if (!cache.inWakeUp()) {
            return null;
        }
        Part<K, V> part = (Part<K, V>) cache.mapSlot(slot);
        if (part == null) {
            part = new Part<>();
            cache.putMapSlot(slot, part);
        }
        // A map whose entries expire is read whole, so that the write-back frees all that expired: what is
        // left is what has not, a bounded part (one retention of event ids).
        if (!part.complete && (cache.settled() || expiresAt != null)) {
            complete(part);
        }
        return part;
    }

    /** Adds what RocksDB holds beside what is on the heap already (which is newer). */
    private void complete(Part<K, V> part) {
        if (!part.complete) {
            call(() -> state.entries()).forEach(e -> part.entries.putIfAbsent(e.getKey(), new Entry<>(e.getValue())));
            part.complete = true;
        }
    }

    /** Writes the changed entries and forgets the removed, the expired and the absent ones. */
    void write(Object part) {
        @SuppressWarnings("unchecked")
        Map<K, Entry<V>> typed = ((Part<K, V>) part).entries;
        run(() -> {
            Iterator<Map.Entry<K, Entry<V>>> entries = typed.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<K, Entry<V>> next = entries.next();
                Entry<V> entry = next.getValue();
                if (expired(entry.value)) {
                    state.remove(next.getKey());
                    entries.remove();
                    continue;
                }
                if (!entry.changed) {
                    if (entry.value == null) {
                        entries.remove(); // known to be absent: not worth keeping beyond a write-back
                    }
                    continue;
                }
                if (entry.value == null) {
                    state.remove(next.getKey());
                    entries.remove();
                } else {
                    state.put(next.getKey(), entry.value);
                    entry.changed = false;
                }
            }
        });
    }

    private boolean expired(V value) {
        return expiresAt != null && value != null && expiresAt.applyAsLong(value) <= cache.businessTime();
    }

    /** A customer's entries of one map on the heap: all of them, or those asked for so far. */
    private static final class Part<K, V> {
        private final Map<K, Entry<V>> entries = new HashMap<>();
        private boolean complete;
    }

    /**
     * A map's value on the heap; without value: known to be absent, or removed and not yet written back (until
     * then it stays).
     */
    private static final class Entry<V> {
        private V value;
        private boolean changed;

        Entry(V value) {
            this.value = value;
        }

        Entry<V> change(V newValue) {
            value = newValue;
            changed = true;
            return this;
        }
    }
}
