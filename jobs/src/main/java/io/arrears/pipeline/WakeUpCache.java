package io.arrears.pipeline;

import static io.arrears.pipeline.StateAccess.call;
import static io.arrears.pipeline.StateAccess.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * Keyed state as one wake-up of a key uses it (an event applied, a timer fired): each value is read from
 * RocksDB at most once and written at most once, at the end; map entries read once stay at hand, and writes to
 * maps go through at once, so that walking a map sees them. The domain reads the customer's profile and totals
 * several times per event; this makes each one round trip.
 *
 * <p>Not thread-safe, and valid for one key between {@link #begin()} and {@link #end()}; outside a wake-up
 * (tests reading state) reads go to the state.
 */
final class WakeUpCache {

    private final List<Value<?>> values = new ArrayList<>();
    private final List<Entries<?, ?>> maps = new ArrayList<>();

    <T> Value<T> value(ValueState<T> state) {
        Value<T> value = new Value<>(state);
        values.add(value);
        return value;
    }

    <K, V> Entries<K, V> map(MapState<K, V> state) {
        Entries<K, V> map = new Entries<>(state);
        maps.add(map);
        return map;
    }

    /** A wake-up of the current key starts: nothing of another key's is at hand. */
    void begin() {
        values.forEach(Value::forget);
        maps.forEach(Entries::forget);
    }

    /** The wake-up ends: changed values are written. */
    void end() {
        values.forEach(Value::write);
        begin();
    }

    /** One ValueState: read once, written once. */
    static final class Value<T> {
        private final ValueState<T> state;
        private T value;
        private boolean loaded;
        private boolean changed;

        private Value(ValueState<T> state) {
            this.state = state;
        }

        T get() {
            if (!loaded) {
                value = call(state::value);
                loaded = true;
            }
            return value;
        }

        /** Null clears the state. */
        void set(T newValue) {
            value = newValue;
            loaded = true;
            changed = true;
        }

        private void write() {
            if (changed) {
                run(() -> {
                    if (value == null) {
                        state.clear();
                    } else {
                        state.update(value);
                    }
                });
            }
        }

        private void forget() {
            value = null;
            loaded = false;
            changed = false;
        }
    }

    /** One MapState: entries read once stay at hand; writes go through. */
    static final class Entries<K, V> {
        private final MapState<K, V> state;
        private final Map<K, V> read = new HashMap<>();

        private Entries(MapState<K, V> state) {
            this.state = state;
        }

        V get(K key) {
            if (read.containsKey(key)) {
                return read.get(key);
            }
            V value = call(() -> state.get(key));
            read.put(key, value);
            return value;
        }

        boolean contains(K key) {
            return get(key) != null;
        }

        void put(K key, V value) {
            run(() -> state.put(key, value));
            read.put(key, value);
        }

        void remove(K key) {
            if (read.containsKey(key) && read.get(key) == null) {
                return;
            }
            run(() -> state.remove(key));
            read.put(key, null);
        }

        /** The state itself, for walking it. */
        MapState<K, V> state() {
            return state;
        }

        private void forget() {
            read.clear();
        }
    }
}
