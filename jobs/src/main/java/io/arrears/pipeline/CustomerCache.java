package io.arrears.pipeline;

import static io.arrears.pipeline.StateAccess.call;
import static io.arrears.pipeline.StateAccess.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.ToLongFunction;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * The keyed state of the customers woken up most recently, on the heap: a customer's values and map entries are
 * read from RocksDB once, at their first use, and then read and changed on the heap; what changed is written
 * back before every checkpoint barrier and when the customer is the least recently woken one beyond the
 * capacity. Between those, RocksDB holds an older version: whatever reads state must first have the cache
 * {@link #writeBack()} (checkpoints do).
 *
 * <p>While customers stay (few wake-ups bring one in: {@link #settled()}), a map is read whole at its first use,
 * so that a key it lacks (a new event id, an instant without a deadline) costs nothing either: an event then
 * costs no RocksDB round trip at all. While they come and go (more active customers than the capacity), entries
 * are read one at a time as they are asked for, absent ones remembered too, so that a short stay costs about
 * what it uses; a map that is walked is read whole.
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

    /** The fewest wake-ups after which the cache judges again whether it is {@link #settled}. */
    private static final int SETTLING_WINDOW = 1_000;

    private final List<Value<?>> values = new ArrayList<>();
    private final List<CachedMap<?, ?>> maps = new ArrayList<>();
    /** In access order: the eldest is the least recently woken. */
    private final LinkedHashMap<String, Resident> residents = new LinkedHashMap<>(16, 0.75f, true);
    private int capacity;
    private KeySwitch keySwitch;
    private Resident current;
    /** The latest business time of a wake-up: map entries that expire by then are forgotten at write-back. */
    private long businessTime = Long.MIN_VALUE;
    /**
     * Whether customers stay long enough to read their maps whole: true while fewer than one wake-up in ten of
     * the last window brought a customer in. Else maps are read an entry at a time, as they are asked for, so
     * that a customer that leaves soon costs what it uses.
     */
    private boolean settled = true;
    private int wakeUps;
    private int arrivals;

    <T> Value<T> value(ValueState<T> state) {
        Value<T> value = new Value<>(this, values.size(), state);
        values.add(value);
        return value;
    }

    <K extends Comparable<K>, V> CachedMap<K, V> map(MapState<K, V> state) {
        return map(state, null);
    }

    /**
     * A map whose entries expire: {@code expiresAt} tells the business instant from which an entry no longer
     * counts. Readers judge that themselves; the write-back frees what has expired, from RocksDB too, for which
     * such a map is always read whole.
     */
    <K extends Comparable<K>, V> CachedMap<K, V> map(MapState<K, V> state, ToLongFunction<V> expiresAt) {
        CachedMap<K, V> map = new CachedMap<>(this, maps.size(), state, expiresAt);
        maps.add(map);
        return map;
    }

    /** Before the first wake-up: how many customers stay on the heap, and how to write one back. */
    void start(int capacity, KeySwitch keySwitch) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the customer cache holds at least one customer, not " + capacity);
        }
        if (keySwitch == null) {
            throw new IllegalStateException("the customer cache writes back through its operator's key switch: "
                    + "run LedgerFunction in LedgerOperator");
        }
        this.capacity = capacity;
        this.keySwitch = keySwitch;
    }

    /** A wake-up of {@code customerId}, the current key, starts at business time {@code now}. */
    void begin(String customerId, long now) {
        businessTime = Math.max(businessTime, now);
        current = residents.get(customerId);
        if (current == null) {
            current = new Resident(customerId);
            residents.put(customerId, current);
            arrivals++;
            evictBeyondCapacity();
        }
        if (++wakeUps == Math.max(SETTLING_WINDOW, 2 * capacity)) {
            settled = arrivals * 10 < wakeUps;
            wakeUps = 0;
            arrivals = 0;
        }
    }

    /** Whether maps are read whole at their first use (see the field). */
    boolean settled() {
        return settled;
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
    final class Resident {
        private final String customerId;
        private final Object[] valueSlots = new Object[values.size()];
        private final boolean[] valueLoaded = new boolean[values.size()];
        private final boolean[] valueChanged = new boolean[values.size()];
        private final Object[] mapSlots = new Object[maps.size()];
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

    long businessTime() {
        return businessTime;
    }

    /** Whether a wake-up is under way (else reads go to the state itself). */
    boolean inWakeUp() {
        return current != null;
    }

    /** What a map keeps of the current customer in its slot, or null before its first use. */
    Object mapSlot(int slot) {
        return current.mapSlots[slot];
    }

    void putMapSlot(int slot, Object part) {
        current.mapSlots[slot] = part;
    }

    /** The resident a change goes to: changes happen only in a wake-up. */
    Resident changing() {
        if (current == null) {
            throw new IllegalStateException("keyed state changes only while a customer is woken up");
        }
        current.dirty = true;
        return current;
    }
}
