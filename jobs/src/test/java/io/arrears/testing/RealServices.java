package io.arrears.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.arrears.config.ArrearsConfig;
import io.arrears.io.kafka.KafkaTopics;
import io.arrears.stack.LocalStack;
import io.arrears.stack.Service;
import io.arrears.stack.SharedLocalStack;

/**
 * The real Kafka and schema registry of this test JVM (started once, on first use), and configurations whose
 * topics are private to one test, so tests sharing the services cannot see each other's records.
 */
public final class RealServices {

    private static final AtomicInteger TOPIC_SETS = new AtomicInteger();

    private RealServices() {
    }

    public static LocalStack kafkaAndRegistry() {
        return SharedLocalStack.with(Service.KAFKA, Service.SCHEMA_REGISTRY);
    }

    /** Kafka, registry and Elasticsearch. */
    public static LocalStack all() {
        return SharedLocalStack.with(Service.KAFKA, Service.SCHEMA_REGISTRY, Service.ELASTICSEARCH);
    }

    /** As {@link #freshTopics}, plus Elasticsearch indices named "NAME-N.arrears-*". */
    public static ArrearsConfig freshTopicsAndIndices(String name, Map<String, String> overrides) throws Exception {
        LocalStack stack = all();
        String prefix = name + "-" + TOPIC_SETS.incrementAndGet() + ".";
        Map<String, String> values = new HashMap<>();
        values.put("elasticsearch.hosts", stack.elasticsearchUrl());
        values.put("elasticsearch.index.alerts", prefix + "arrears-alerts");
        values.put("elasticsearch.index.customers", prefix + "arrears-customers");
        values.put("elasticsearch.index.kpis", prefix + "arrears-kpis");
        values.put("elasticsearch.index.disputes", prefix + "arrears-disputes");
        values.putAll(overrides);
        return freshTopics(name, values);
    }

    /** A configuration against the real services with fresh, created topics named "NAME-N.ar.*". */
    public static ArrearsConfig freshTopics(String name, Map<String, String> overrides) throws Exception {
        LocalStack stack = kafkaAndRegistry();
        String prefix = name + "-" + TOPIC_SETS.incrementAndGet() + ".";
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap-servers", stack.kafkaBootstrapServers());
        values.put("registry.url", stack.schemaRegistryUrl());
        values.put("kafka.group-id", prefix + "group");
        values.put("kafka.transactional-id-prefix", prefix + "tx");
        for (String topic : new String[] {"customers", "invoices", "payments", "disputes", "activities",
                "policies", "alerts", "deadletter", "notification-routes", "notifications-deadletter"}) {
            values.put("topic." + topic, prefix + "ar." + topic);
        }
        values.putAll(overrides);
        ArrearsConfig config = ArrearsConfig.of(values);
        KafkaTopics.createMissing(config, 2, (short) 1);
        return config;
    }
}
