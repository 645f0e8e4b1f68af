package io.arrears.pipeline;

import static io.arrears.pipeline.StateAccess.call;
import static io.arrears.pipeline.StateAccess.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * The keyed state of the customers woken up most recently, on the heap: a customer's value and each of its maps
 * are read from RocksDB once, at their first use (a map whole, so that a key it lacks costs nothing), and then
 * read and changed on the heap; what changed is written back before every checkpoint barrier and when the
 * customer is the least recently woken one beyond the capacity. Between those, RocksDB holds an older version:
 * whatever reads state must first have the cache {@link #writeBack()} (checkpoints do).
 *
 * <p>An event then costs no RocksDB round trip for its customer's values once the customer is here: the ledger
 * is limited by its rules, not by state access, as long as the active customers fit. Beyond the capacity, each
 * wake-up of a customer that left reads its maps again (one iteration per map it uses).
 *
 * <p>Written back under the customer's own key, which only the operator can set: see {@link KeySwitch}. Not
 * thread-safe; a wake-up of one key lies between {@link #begin} and {@link #end}; outside one (tests reading
 * state after a write-back) reads go to the state itself.
 */
final class CustomerCache {

    /** Runs an action with another key as the current key, restoring the current one afterwards. */
    interface KeySwitch {
        void run(String customerId, Runnable action);
    }

    private final List<Value<?>> values = new ArrayList<>();
    private final List<Entries<?, ?>> maps = new ArrayList<>();
    /** In access order: the eldest is the least recently woken. */
    private final LinkedHashMap<String, Resident> residents = new LinkedHashMap<>(16, 0.75f, true);
    private int capacity;
    private KeySwitch keySwitch;
    private Resident current;
    /** The latest business time of a wake-up: map entries that expire by then are forgotten at write-back. */
    private long businessTime = Long.MIN_VALUE;

    <T> Value<T> value(ValueState<T> state) {
        Value<T> value = new Value<>(this, values.size(), state);
        values.add(value);
        return value;
    }

    <K extends Comparable<K>, V> Entries<K, V> map(MapState<K, V> state) {
        return map(state, null);
    }

    /**
     * A map whose entries expire: {@code expiresAt} tells the business instant from which an entry no longer
     * counts. Readers judge that themselves; the write-back only frees what has expired, from RocksDB too.
     */
    <K extends Comparable<K>, V> Entries<K, V> map(MapState<K, V> state, ToLongFunction<V> expiresAt) {
        Entries<K, V> map = new Entries<>(this, maps.size(), state, expiresAt);
        maps.add(map);
        return map;
    }

    /** Before the first wake-up: how many customers stay on the heap, and how to write one back. */
    void start(int capacity, KeySwitch keySwitch) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the customer cache holds at least one customer, not " + capacity);
        }
        this.capacity = capacity;
        this.keySwitch = keySwitch;
    }

    /** A wake-up of {@code customerId}, the current key, starts at business time {@code now}. */
    void begin(String customerId, long now) {
        businessTime = Math.max(businessTime, now);
        if (keySwitch == null) {
            throw new IllegalStateException("the customer cache was not started");
        }
        current = residents.get(customerId);
        if (current == null) {
            current = new Resident(customerId);
            residents.put(customerId, current);
            evictBeyondCapacity();
        }
    }

    void end() {
        current = null;
    }

    /** Writes every change still on the heap to the state, each under its customer's key. */
    void writeBack() {
        for (Resident resident : residents.values()) {
            if (resident.dirty) {
                keySwitch.run(resident.customerId, resident::write);
            }
        }
    }

    /** Writes back and then forgets every customer, so that the next wake-up reads state again (tests). */
    void writeBackAndForget() {
        writeBack();
        residents.clear();
    }

    /** How many customers are on the heap. */
    int size() {
        return residents.size();
    }

    private void evictBeyondCapacity() {
        Iterator<Resident> eldest = residents.values().iterator();
        while (residents.size() > capacity) {
            Resident leaving = eldest.next();
            if (leaving.dirty) {
                keySwitch.run(leaving.customerId, leaving::write);
            }
            eldest.remove();
        }
    }

    /** One customer's values and maps as last read or changed. */
    private final class Resident {
        private final String customerId;
        private final Object[] valueSlots = new Object[values.size()];
        private final boolean[] valueLoaded = new boolean[values.size()];
        private final boolean[] valueChanged = new boolean[values.size()];
        private final Map<?, ?>[] mapSlots = new Map<?, ?>[maps.size()];
        private boolean dirty;

        Resident(String customerId) {
            this.customerId = customerId;
        }

        /** Under this customer's key. */
        void write() {
            for (int i = 0; i < valueSlots.length; i++) {
                if (valueChanged[i]) {
                    values.get(i).write(valueSlots[i]);
                    valueChanged[i] = false;
                }
            }
            for (int i = 0; i < mapSlots.length; i++) {
                if (mapSlots[i] != null) {
                    maps.get(i).write(mapSlots[i]);
                }
            }
            dirty = false;
        }
    }

    /** One ValueState of the current customer. */
    static final class Value<T> {
        private final CustomerCache cache;
        private final int slot;
        private final ValueState<T> state;

        private Value(CustomerCache cache, int slot, ValueState<T> state) {
            this.cache = cache;
            this.slot = slot;
            this.state = state;
        }

        @SuppressWarnings("unchecked")
        T get() {
            Resident resident = cache.current;
            if (resident == null) {
                return call(state::value);
            }
            if (!resident.valueLoaded[slot]) {
                resident.valueSlots[slot] = call(state::value);
                resident.valueLoaded[slot] = true;
            }
            return (T) resident.valueSlots[slot];
        }

        /** Null clears the state. */
        void set(T value) {
            Resident resident = cache.changing();
            resident.valueSlots[slot] = value;
            resident.valueLoaded[slot] = true;
            resident.valueChanged[slot] = true;
            resident.dirty = true;
        }

        private void write(Object value) {
            @SuppressWarnings("unchecked")
            T typed = (T) value;
            run(() -> {
                if (typed == null) {
                    state.clear();
                } else {
                    state.update(typed);
                }
            });
        }
    }

    /** One MapState of the current customer, read whole at its first use. */
    static final class Entries<K extends Comparable<K>, V> {
        private final CustomerCache cache;
        private final int slot;
        private final MapState<K, V> state;
        private final ToLongFunction<V> expiresAt;

        private Entries(CustomerCache cache, int slot, MapState<K, V> state, ToLongFunction<V> expiresAt) {
            this.cache = cache;
            this.slot = slot;
            this.state = state;
            this.expiresAt = expiresAt;
        }

        V get(K key) {
            Map<K, Entry<V>> map = loaded();
            if (map == null) {
                return call(() -> state.get(key));
            }
            Entry<V> entry = map.get(key);
            return entry == null ? null : entry.value;
        }

        boolean contains(K key) {
            return get(key) != null;
        }

        void put(K key, V value) {
            cache.changing();
            loaded().computeIfAbsent(key, k -> new Entry<>()).change(value);
        }

        void remove(K key) {
            cache.changing();
            Entry<V> entry = loaded().get(key);
            if (entry != null && entry.value != null) {
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

        /** A copy of the entries in the order of their keys. */
        List<Map.Entry<K, V>> entries() {
            Map<K, Entry<V>> map = loaded();
            List<Map.Entry<K, V>> found = new ArrayList<>();
            if (map == null) {
                call(() -> state.entries()).forEach(e -> found.add(Map.entry(e.getKey(), e.getValue())));
            } else {
                map.forEach((key, entry) -> {
                    if (entry.value != null) {
                        found.add(Map.entry(key, entry.value));
                    }
                });
            }
            found.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
            return found;
        }

        /** The current customer's entries, read from state at their first use; null outside a wake-up. */
        @SuppressWarnings("unchecked")
        private Map<K, Entry<V>> loaded() {
            Resident resident = cache.current;
            if (resident == null) {
                return null;
            }
            Map<K, Entry<V>> map = (Map<K, Entry<V>>) resident.mapSlots[slot];
            if (map == null) {
                Map<K, Entry<V>> read = new HashMap<>();
                call(() -> state.entries()).forEach(e -> read.put(e.getKey(), new Entry<>(e.getValue())));
                resident.mapSlots[slot] = read;
                map = read;
            }
            return map;
        }

        /** Writes the changed entries and forgets the removed and the expired ones. */
        private void write(Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<K, Entry<V>> typed = (Map<K, Entry<V>>) map;
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
            return expiresAt != null && value != null && expiresAt.applyAsLong(value) <= cache.businessTime;
        }
    }

    /** A map's value on the heap; a removed one stays, without value, until it is written back. */
    private static final class Entry<V> {
        private V value;
        private boolean changed;

        Entry() {
        }

        Entry(V value) {
            this.value = value;
        }

        void change(V newValue) {
            value = newValue;
            changed = true;
        }
    }

    /** The resident a change goes to: changes happen only in a wake-up. */
    private Resident changing() {
        if (current == null) {
            throw new IllegalStateException("keyed state changes only while a customer is woken up");
        }
        current.dirty = true;
        return current;
    }
}
