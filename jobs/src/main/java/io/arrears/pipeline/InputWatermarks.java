package io.arrears.pipeline;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.ingest.Ingested;

/** Event time of decoded input: bounded out-of-orderness per partition, and idle partitions do not stall it. */
public final class InputWatermarks {

    private InputWatermarks() {
    }

    public static WatermarkStrategy<Ingested> of(ArrearsConfig config) {
        return WatermarkStrategy.<Ingested>forBoundedOutOfOrderness(
                        config.get(ArrearsOptions.SOURCE_MAX_OUT_OF_ORDERNESS))
                .withTimestampAssigner((ingested, kafkaTimestamp) -> ingested.eventTime())
                .withIdleness(config.get(ArrearsOptions.SOURCE_IDLE_TIMEOUT));
    }
}
