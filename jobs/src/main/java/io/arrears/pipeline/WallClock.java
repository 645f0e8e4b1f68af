package io.arrears.pipeline;

import java.time.Duration;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.arrears.ingest.Ingested;

/**
 * The live business clock: ticks carrying the wall-clock time, unioned with the input. Business time is the
 * minimum of all input watermarks, idle partitions excluded; so when the topics are quiet the wall clock moves
 * it (deadlines fire without new events), when they lag (a backfill) they hold it back, and it never runs ahead
 * of the wall clock. Ticks themselves carry nothing and are dropped after the split.
 */
public final class WallClock {

    private WallClock() {
    }

    public static DataStream<Ingested> ticks(StreamExecutionEnvironment env, Duration interval) {
        DataGeneratorSource<Long> clock = new DataGeneratorSource<>(index -> System.currentTimeMillis(),
                Long.MAX_VALUE, RateLimiterStrategy.perSecond(1000.0 / interval.toMillis()), Types.LONG);
        return env.fromSource(clock, WatermarkStrategy.<Long>forMonotonousTimestamps()
                                .withTimestampAssigner((now, previous) -> now), "wall-clock")
                .uid("wall-clock").setParallelism(1)
                .map(now -> Ingested.TICK).returns(DomainTypes.of(Ingested.class))
                .uid("wall-clock-ticks").name("wall-clock-ticks").setParallelism(1);
    }
}
