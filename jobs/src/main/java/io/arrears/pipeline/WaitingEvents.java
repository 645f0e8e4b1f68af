package io.arrears.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.arrears.model.CustomerEvent;

/**
 * Events that wait for business time to reach their eventTime, so that each customer's apply in event-time
 * order. They wait briefly (until the watermark passes them: the source's out-of-orderness bound live, a moment
 * in a replay, whose input is sorted), so they wait on the heap rather than in RocksDB, where each would cost a
 * write and two reads. The ledger checkpoints them as union operator state; after a restore each parallel
 * instance keeps the customers it owns. The event-time timer of each (customer, instant) stays in Flink's timer
 * service, so a restored event is applied when its timer fires.
 */
final class WaitingEvents {

    private final Map<String, NavigableMap<Long, List<CustomerEvent>>> byCustomer = new HashMap<>();

    /** @return whether it is the first event of this customer waiting for this instant (its timer is new) */
    boolean add(CustomerEvent event) {
        List<CustomerEvent> at = byCustomer.computeIfAbsent(event.customerId(), customer -> new TreeMap<>())
                .computeIfAbsent(event.eventTime(), time -> new ArrayList<>(1));
        at.add(event);
        return at.size() == 1;
    }

    /** The customer's events of this instant, which stop waiting; null if none. */
    List<CustomerEvent> take(String customerId, long at) {
        NavigableMap<Long, List<CustomerEvent>> instants = byCustomer.get(customerId);
        if (instants == null) {
            return null;
        }
        List<CustomerEvent> events = instants.remove(at);
        if (instants.isEmpty()) {
            byCustomer.remove(customerId);
        }
        return events;
    }

    boolean has(String customerId, long at) {
        NavigableMap<Long, List<CustomerEvent>> instants = byCustomer.get(customerId);
        return instants != null && instants.containsKey(at);
    }

    /** The instants the customer's events wait for, for tests that check nothing is left. */
    List<Long> instants(String customerId) {
        NavigableMap<Long, List<CustomerEvent>> instants = byCustomer.get(customerId);
        return instants == null ? List.of() : List.copyOf(instants.keySet());
    }

    /** Every waiting event, for a checkpoint. */
    List<CustomerEvent> all() {
        List<CustomerEvent> all = new ArrayList<>();
        byCustomer.values().forEach(instants -> instants.values().forEach(all::addAll));
        return all;
    }

    /** Takes back the checkpointed events of the customers {@code owned} says are this instance's. */
    void restore(Iterable<CustomerEvent> checkpointed, Predicate<String> owned) {
        for (CustomerEvent event : checkpointed) {
            if (owned.test(event.customerId())) {
                add(event);
            }
        }
    }
}
