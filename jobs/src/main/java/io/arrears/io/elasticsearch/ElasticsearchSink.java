package io.arrears.io.elasticsearch;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes whole documents to Elasticsearch in bulk requests, with a bounded number in flight. Writes not yet
 * acknowledged are part of each checkpoint (at-least-once); deterministic ids and external versions make
 * repeated or reordered writes converge to one current document per entity.
 */
public final class ElasticsearchSink<T> extends AsyncSinkBase<T, EsWrite> {

    private static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;
    private static final long MAX_RECORD_BYTES = 1024L * 1024;

    private final ElasticsearchSettings settings;
    private final List<IndexTemplates> templates;

    /**
     * @param templates installed (or updated) when a writer starts
     * @param maxBatchSize documents per bulk request
     * @param maxInFlight bulk requests in flight per writer
     * @param maxTimeInBuffer how long a partly filled bulk request waits
     */
    public ElasticsearchSink(ElementConverter<T, EsWrite> converter, ElasticsearchSettings settings,
                             List<IndexTemplates> templates, int maxBatchSize, int maxInFlight,
                             Duration maxTimeInBuffer) {
        super(converter, maxBatchSize, maxInFlight, maxBatchSize * 10, MAX_BATCH_BYTES, maxTimeInBuffer.toMillis(),
                MAX_RECORD_BYTES);
        this.settings = settings;
        this.templates = List.copyOf(templates);
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<EsWrite>> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<EsWrite>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<EsWrite>> recovered) {
        AsyncSinkWriterConfiguration configuration = AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .build();
        return new ElasticsearchWriter<>(getElementConverter(), context, configuration, recovered, settings,
                templates);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<EsWrite>> getWriterStateSerializer() {
        return new EsWriteStateSerializer();
    }
}
