package io.arrears.io.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.ingest.EventStream;

/** Creates the Arrears topics that do not exist yet: the demo's and the tests' set-up, and a deployment aid. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /** Every input and output topic; ar.policies is compacted (latest policy per segment). */
    public static List<NewTopic> all(ArrearsConfig config, int partitions, short replication) {
        List<NewTopic> topics = new ArrayList<>();
        for (EventStream stream : EventStream.values()) {
            NewTopic topic = new NewTopic(config.topic(stream), partitions, replication);
            if (stream == EventStream.POLICIES) {
                topic.configs(Map.of("cleanup.policy", "compact"));
            }
            topics.add(topic);
        }
        topics.add(new NewTopic(config.get(ArrearsOptions.TOPIC_ALERTS), partitions, replication));
        topics.add(new NewTopic(config.get(ArrearsOptions.TOPIC_DEADLETTER), partitions, replication));
        // The notifications job's: routes compacted (latest route per key), its own dead letters.
        topics.add(new NewTopic(config.get(ArrearsOptions.TOPIC_NOTIFICATION_ROUTES), 1, replication)
                .configs(Map.of("cleanup.policy", "compact")));
        topics.add(new NewTopic(config.get(ArrearsOptions.TOPIC_NOTIFICATIONS_DEADLETTER), partitions, replication));
        return topics;
    }

    public static void createMissing(ArrearsConfig config, int partitions, short replication)
            throws ExecutionException, InterruptedException, TimeoutException {
        Properties properties = config.kafkaProperties();
        properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.get(ArrearsOptions.KAFKA_BOOTSTRAP_SERVERS));
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = all(config, partitions, replication).stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        }
    }
}
