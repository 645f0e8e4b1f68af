package io.arrears.upgrade;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.arrears.ingest.Ingested;
import io.arrears.model.CollectionPolicy;
import io.arrears.model.DisputeEventType;
import io.arrears.model.PaymentEventType;
import io.arrears.pipeline.DomainTypes;
import io.arrears.testing.Events;

/**
 * The input of the savepoint compatibility test. The savepoint under src/test/resources/savepoints was taken
 * from the collections topology (KPIs on) after {@link #BEFORE} was processed, with every kind of state
 * present: C1 has a policy of its own (stages 1, 30 and 45), INV-1 (due 2026-01-31, stage 1 raised on Feb 1,
 * stage 30 pending, an open dispute D1 on it with its SLA deadlines ahead), INV-2 (due 2026-02-15, 40.00 of
 * 100.00 paid), P2's 25.00 unapplied (its UNAPPLIED_CASH_AGED alert open), an APPLIED event waiting for the
 * unknown payment P9, a promise to pay 100.00 by Feb 10 not yet judged, KPIs of the customer and of its
 * scopes, and a call at Feb 5 waiting in the buffer (business time is just before it). {@link #AFTER} is what
 * the restored job then reads. The last event of each list only moves business time: with no out-of-orderness
 * allowed, the watermark stops one millisecond before it. Written by {@code LedgerSavepointCompatibilityTest#main}.
 */
final class LedgerSavepointFixture {

    static final String SOURCE_UID = "test-input";

    static final List<Ingested> BEFORE = List.of(
            Ingested.of(new CollectionPolicy("smb-v1", "SMB", List.of(1, 30, 45), 0, 7, 0.8, 5, 1, 0.9, 3, 30,
                    Events.at("2026-01-01T00:00:00Z"))),
            Ingested.of(Events.customer("C1", "SMB", "col-1", 500_00L, "2026-01-01T08:00:00Z")),
            Ingested.of(Events.issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z")),
            Ingested.of(Events.issued("C1", "INV-2", 100_00, "2026-01-16", "2026-02-15", "2026-01-16T10:00:00Z")),
            Ingested.of(Events.received("C1", "P1", 40_00, "2026-01-20T10:00:00Z", Events.to("INV-2", 40_00))),
            Ingested.of(Events.received("C1", "P2", 25_00, "2026-01-22T10:00:00Z")),
            Ingested.of(Events.payment(PaymentEventType.APPLIED, "C1", "P9", 10_00, "2026-01-23T10:00:00Z",
                    Events.to("INV-1", 10_00))),
            Ingested.of(Events.dispute(DisputeEventType.OPENED, "C1", "D1", "INV-1", 30_00, "2026-02-01T12:00:00Z")),
            Ingested.of(Events.promise("C1", null, 100_00, "2026-02-10", "2026-02-03T10:00:00Z")),
            Ingested.of(Events.call("C1", null, "2026-02-05T00:00:00Z")));

    static final List<Ingested> AFTER = List.of(
            Ingested.of(Events.received("C1", "P3", 60_00, "2026-02-10T10:00:00Z", Events.to("INV-2", 60_00))),
            Ingested.of(Events.call("C1", null, "2026-03-05T00:00:00Z")));

    private LedgerSavepointFixture() {
    }

    /**
     * Emits {@code script} once, then clock ticks that carry no time, so the job stays up (a savepoint needs a
     * running job) without moving business time. Indexes continue across a restore, so a counter of this JVM
     * decides what comes next.
     */
    static DataStream<Ingested> input(StreamExecutionEnvironment env, List<Ingested> script) {
        SCRIPT = List.copyOf(script);
        SCRIPT_POSITION.set(0);
        DataGeneratorSource<Ingested> source = new DataGeneratorSource<>(index -> {
            int next = SCRIPT_POSITION.getAndIncrement();
            return next < SCRIPT.size() ? SCRIPT.get(next) : Ingested.TICK;
        }, Long.MAX_VALUE, RateLimiterStrategy.perSecond(50), DomainTypes.of(Ingested.class));
        return env.fromSource(source, WatermarkStrategy.<Ingested>forBoundedOutOfOrderness(Duration.ZERO)
                        .withTimestampAssigner((ingested, previous) -> ingested.eventTime()), SOURCE_UID)
                .uid(SOURCE_UID).setParallelism(1);
    }

    /** Static: the source runs in this JVM's MiniCluster, and records are not Java-serializable. */
    private static volatile List<Ingested> SCRIPT = List.of();
    private static final AtomicInteger SCRIPT_POSITION = new AtomicInteger();
}
