package io.arrears.ledger;

/** Deadlines in business time. The Flink job backs them with event-time timers. */
public interface Scheduler {

    void schedule(long at, Deadline deadline);

    void cancel(long at, Deadline deadline);
}
