package io.arrears.pipeline;

import java.util.List;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.ingest.DeadLetter;
import io.arrears.io.elasticsearch.Documents;
import io.arrears.io.elasticsearch.ElasticsearchSettings;
import io.arrears.io.elasticsearch.ElasticsearchSink;
import io.arrears.io.elasticsearch.IndexTemplates;
import io.arrears.io.elasticsearch.SinkLimits;
import io.arrears.io.kafka.AlertSerializer;
import io.arrears.io.kafka.DeadLetterSerializer;
import io.arrears.io.kafka.KafkaDeadLetters;
import io.arrears.io.kafka.KafkaOutputs;
import io.arrears.ledger.AlertTransition;
import io.arrears.kpi.KpiSnapshot;
import io.arrears.ledger.CustomerSnapshot;
import io.arrears.ledger.DisputeSnapshot;

/** Where the collections job writes; production, replay and tests pass different ones. */
public record CollectionsSinks(
        List<NamedSink<AlertTransition>> alerts,
        List<NamedSink<CustomerSnapshot>> customers,
        List<NamedSink<DisputeSnapshot>> disputes,
        List<NamedSink<KpiSnapshot>> kpis,
        List<NamedSink<DeadLetter>> deadLetters) {

    /** No sinks: the caller takes the topology's output streams itself (replay, tests). */
    public static CollectionsSinks none() {
        return new CollectionsSinks(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The production outputs: Kafka topics in the registry's wire format and Elasticsearch indices. */
    public static CollectionsSinks production(ArrearsConfig config) {
        CollectionsSinks indices = elasticsearch(config);
        return new CollectionsSinks(
                List.of(new NamedSink<>("alerts-kafka", KafkaOutputs.sink(config, "alerts",
                                new AlertSerializer(config.get(ArrearsOptions.TOPIC_ALERTS), config.registry()))),
                        indices.alerts().get(0)),
                indices.customers(),
                indices.disputes(),
                indices.kpis(),
                indices.deadLetters());
    }

    /**
     * The Elasticsearch indices and the dead-letter topic (for bad input and for documents Elasticsearch
     * refuses): for re-processing history into the dashboards' indices without sending its alerts to Kafka again
     * (where collectors would be notified of them).
     */
    public static CollectionsSinks elasticsearch(ArrearsConfig config) {
        ElasticsearchSettings elasticsearch = ElasticsearchSettings.from(config);
        String alertsIndex = config.get(ArrearsOptions.INDEX_ALERTS);
        String customersIndex = config.get(ArrearsOptions.INDEX_CUSTOMERS);
        String kpisIndex = config.get(ArrearsOptions.INDEX_KPIS);
        String disputesIndex = config.get(ArrearsOptions.INDEX_DISPUTES);
        List<IndexTemplates> templates = List.of(IndexTemplates.alerts(alertsIndex),
                IndexTemplates.customers(customersIndex), IndexTemplates.disputes(disputesIndex),
                IndexTemplates.kpis(kpisIndex));
        SinkLimits limits = SinkLimits.from(config);
        KafkaDeadLetters refused = KafkaDeadLetters.of(config);
        return new CollectionsSinks(
                List.of(new NamedSink<>("alerts-elasticsearch", new ElasticsearchSink<>(
                        Documents.alerts(alertsIndex), elasticsearch, templates, limits, refused))),
                List.of(new NamedSink<>("customers-elasticsearch", new ElasticsearchSink<>(
                        Documents.customers(customersIndex), elasticsearch, templates, limits, refused))),
                List.of(new NamedSink<>("disputes-elasticsearch", new ElasticsearchSink<>(
                        Documents.disputes(disputesIndex), elasticsearch, templates, limits, refused))),
                List.of(new NamedSink<>("kpis-elasticsearch", new ElasticsearchSink<>(
                        Documents.kpis(kpisIndex), elasticsearch, templates, limits, refused))),
                List.of(new NamedSink<>("deadletter-kafka", KafkaOutputs.sink(config, "deadletter",
                        new DeadLetterSerializer(config.get(ArrearsOptions.TOPIC_DEADLETTER), config.registry())))));
    }
}
