package io.arrears.io.elasticsearch;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes whole documents to Elasticsearch in bulk requests. What is not yet acknowledged is part of each
 * checkpoint (at-least-once), and deterministic ids with external versions make repeated or reordered writes
 * converge to one current document per entity. An outage of Elasticsearch holds up neither checkpoints nor the
 * rest of the job until the writes owed reach {@link SinkLimits#maxPendingBytes()}.
 */
public final class ElasticsearchSink<T> implements Sink<T>, SupportsWriterState<T, List<EsWrite>> {

    private final ElementConverter<T, EsWrite> converter;
    private final ElasticsearchSettings settings;
    private final List<IndexTemplates> templates;
    private final SinkLimits limits;
    private final RefusedDocuments refused;

    /** @param templates installed (or updated) when a writer starts, before its first write */
    public ElasticsearchSink(ElementConverter<T, EsWrite> converter, ElasticsearchSettings settings,
                             List<IndexTemplates> templates, SinkLimits limits, RefusedDocuments refused) {
        this.converter = converter;
        this.settings = settings;
        this.templates = List.copyOf(templates);
        this.limits = limits;
        this.refused = refused;
    }

    @Override
    public StatefulSinkWriter<T, List<EsWrite>> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, List<EsWrite>> restoreWriter(WriterInitContext context,
                                                              Collection<List<EsWrite>> recovered)
            throws IOException {
        try {
            return new ElasticsearchWriter<>(converter, context, limits, recovered, settings, templates, refused);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot open the Elasticsearch writer: " + e.getMessage(), e);
        }
    }

    @Override
    public SimpleVersionedSerializer<List<EsWrite>> getWriterStateSerializer() {
        return new EsWriteStateSerializer();
    }
}
