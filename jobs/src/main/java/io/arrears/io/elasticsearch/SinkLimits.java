package io.arrears.io.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;

/**
 * How a sink writer batches and how much it may owe Elasticsearch.
 *
 * @param maxBatchSize documents per bulk request
 * @param maxInFlight bulk requests in flight per writer
 * @param maxTimeInBuffer how long a partly filled bulk request waits
 * @param maxPendingBytes documents owed (waiting or unanswered) beyond which the writer holds up its input
 */
public record SinkLimits(int maxBatchSize, int maxInFlight, Duration maxTimeInBuffer, long maxPendingBytes)
        implements Serializable {

    public static SinkLimits from(ArrearsConfig config) {
        return new SinkLimits(config.get(ArrearsOptions.ELASTICSEARCH_BULK_ACTIONS),
                config.get(ArrearsOptions.ELASTICSEARCH_IN_FLIGHT),
                config.get(ArrearsOptions.ELASTICSEARCH_BULK_INTERVAL),
                config.get(ArrearsOptions.ELASTICSEARCH_MAX_PENDING).getBytes());
    }

    long maxTimeInBufferMillis() {
        return Math.max(1, maxTimeInBuffer.toMillis());
    }
}
