package io.arrears.ledger;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.arrears.model.CustomerEvent;

/**
 * One customer's {@link Ledger} on an {@link InMemoryLedgerStore}, driven the way the Flink job drives it:
 * events apply in event-time order when business time reaches them (within an instant in the job's order), and
 * deadlines fire at their instant, after the events of that instant.
 */
final class LedgerDriver implements Scheduler, LedgerOutput {

    static final Duration RETENTION = Duration.ofDays(30);

    final InMemoryLedgerStore store = new InMemoryLedgerStore();
    /** The store operations and deadline changes the ledger made, by name, since the last {@link #resetCounts}. */
    final Map<String, Integer> counts = new TreeMap<>();
    final List<AlertTransition> alerts = new ArrayList<>();
    final List<DisputeSnapshot> disputes = new ArrayList<>();
    /** Refused events and the reasons. */
    final List<String> refused = new ArrayList<>();
    final NavigableMap<Long, List<Deadline>> deadlines = new TreeMap<>();
    private final NavigableMap<Long, List<CustomerEvent>> waiting = new TreeMap<>();
    private final Ledger ledger;

    LedgerDriver(String customerId) {
        ledger = new Ledger(customerId, counting(store), this, this, StaticPolicyBook.defaults(),
                BusinessCalendar.utc(), RETENTION);
    }

    void send(CustomerEvent... events) {
        for (CustomerEvent event : events) {
            waiting.computeIfAbsent(event.eventTime(), at -> new ArrayList<>()).add(event);
        }
    }

    /** Business time moves to {@code until}: what waits and what is due up to it happens, in order. */
    void advanceTo(long until) {
        while (true) {
            long next = Math.min(waiting.isEmpty() ? Long.MAX_VALUE : waiting.firstKey(),
                    deadlines.isEmpty() ? Long.MAX_VALUE : deadlines.firstKey());
            if (next > until) {
                return;
            }
            List<CustomerEvent> events = waiting.remove(next);
            if (events != null) {
                events.sort(Comparator.comparingInt((CustomerEvent e) -> e.kind().sameInstantRank())
                        .thenComparing(CustomerEvent::eventId));
                events.forEach(event -> ledger.apply(event, next));
            }
            List<Deadline> due = deadlines.remove(next);
            if (due != null) {
                due.forEach(deadline -> ledger.onDeadline(deadline, next));
            }
        }
    }

    void resetCounts() {
        counts.clear();
    }

    /** The count of operations whose names {@code which} accepts. */
    int count(java.util.function.Predicate<String> which) {
        return counts.entrySet().stream().filter(e -> which.test(e.getKey())).mapToInt(Map.Entry::getValue).sum();
    }

    private LedgerStore counting(LedgerStore target) {
        return (LedgerStore) Proxy.newProxyInstance(LedgerStore.class.getClassLoader(),
                new Class<?>[] {LedgerStore.class}, (proxy, method, args) -> {
                    counts.merge(method.getName(), 1, Integer::sum);
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    CustomerSnapshot snapshot(long asOf) {
        return ledger.snapshot(asOf);
    }

    int scheduled() {
        return deadlines.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void schedule(long at, Deadline deadline) {
        counts.merge("schedule", 1, Integer::sum);
        List<Deadline> at0 = deadlines.computeIfAbsent(at, instant -> new ArrayList<>());
        if (!at0.contains(deadline)) {
            at0.add(deadline);
        }
    }

    @Override
    public void cancel(long at, Deadline deadline) {
        counts.merge("cancel", 1, Integer::sum);
        List<Deadline> at0 = deadlines.get(at);
        if (at0 != null) {
            at0.remove(deadline);
            if (at0.isEmpty()) {
                deadlines.remove(at);
            }
        }
    }

    @Override
    public void alert(AlertTransition transition) {
        alerts.add(transition);
    }

    @Override
    public void dispute(DisputeSnapshot dispute) {
        disputes.add(dispute);
    }

    @Override
    public void refused(CustomerEvent event, String reason) {
        refused.add(event.eventId() + ": " + reason);
    }
}
