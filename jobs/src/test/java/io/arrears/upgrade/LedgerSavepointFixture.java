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
import io.arrears.model.CustomerEvent;
import io.arrears.pipeline.DomainTypes;
import io.arrears.testing.Events;

/**
 * The input of the savepoint compatibility test. The savepoint under src/test/resources/savepoints was taken
 * from the collections topology of the first release (ledger with INVOICE_OVERDUE only) after {@link #BEFORE}
 * was processed: C1 has INV-1 (due 2026-01-31, stage 1 raised on Feb 1, stage 30 pending) and INV-2 (due
 * 2026-02-15, 40.00 of 100.00 paid); business time is just before 2026-02-05. {@link #AFTER} is what the
 * restored job then reads. The last event of each list only moves business time: with no out-of-orderness
 * allowed, the watermark stops one millisecond before it. It is produced by {@code LedgerSavepointCompatibilityTest#main}.
 */
final class LedgerSavepointFixture {

    static final String SOURCE_UID = "test-input";

    static final List<CustomerEvent> BEFORE = List.of(
            Events.customer("C1", "SMB", "col-1", 50_000L, "2026-01-01T08:00:00Z"),
            Events.issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
            Events.issued("C1", "INV-2", 100_00, "2026-01-16", "2026-02-15", "2026-01-16T10:00:00Z"),
            Events.received("C1", "P1", 40_00, "2026-01-20T10:00:00Z", Events.to("INV-2", 40_00)),
            Events.call("C1", null, "2026-02-05T00:00:00Z"));

    static final List<CustomerEvent> AFTER = List.of(
            Events.received("C1", "P2", 60_00, "2026-02-10T10:00:00Z", Events.to("INV-2", 60_00)),
            Events.call("C1", null, "2026-03-05T00:00:00Z"));

    private LedgerSavepointFixture() {
    }

    /**
     * Emits {@code script} once, then clock ticks that carry no time, so the job stays up (a savepoint needs a
     * running job) without moving business time. Indexes continue across a restore, so a counter of this JVM
     * decides what comes next.
     */
    static DataStream<Ingested> input(StreamExecutionEnvironment env, List<CustomerEvent> script) {
        SCRIPT = List.copyOf(script);
        SCRIPT_POSITION.set(0);
        DataGeneratorSource<Ingested> source = new DataGeneratorSource<>(index -> {
            int next = SCRIPT_POSITION.getAndIncrement();
            return next < SCRIPT.size() ? Ingested.of(SCRIPT.get(next)) : Ingested.TICK;
        }, Long.MAX_VALUE, RateLimiterStrategy.perSecond(50), DomainTypes.of(Ingested.class));
        return env.fromSource(source, WatermarkStrategy.<Ingested>forBoundedOutOfOrderness(Duration.ZERO)
                        .withTimestampAssigner((ingested, previous) -> ingested.eventTime()), SOURCE_UID)
                .uid(SOURCE_UID).setParallelism(1);
    }

    /** Static: the source runs in this JVM's MiniCluster, and records are not Java-serializable. */
    private static volatile List<CustomerEvent> SCRIPT = List.of();
    private static final AtomicInteger SCRIPT_POSITION = new AtomicInteger();
}
