package io.arrears;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.ingest.EventStream;
import io.arrears.stack.LocalStack;
import io.arrears.stack.Service;
import io.arrears.stack.StackSecurity;
import io.arrears.testing.CapturedLogs;
import io.arrears.testing.ElasticsearchTestClient;
import io.arrears.testing.KafkaTestClient;

/**
 * The collections job against a secured Kafka (SASL_SSL, SCRAM-SHA-512, a certificate of the stack's own) and a
 * secured Elasticsearch (x-pack security, HTTPS, basic auth), with the live-against-replay checks; then wrong
 * credentials, and a search of everything the JVM logged and every dead letter for the secrets. (No API key: the
 * Elasticsearch distribution here cannot create its security index, see the stack's Elasticsearch.)
 */
class SecuredDeploymentTest {

    @Test
    void theJobRunsOnSaslSslKafkaAndSecuredElasticsearchAndNoSecretReachesLogsOrDeadLetters(@TempDir Path dir)
            throws Exception {
        try (LocalStack secured = LocalStack.builder().secured().start(Set.of(Service.KAFKA, Service.ELASTICSEARCH));
             CapturedLogs logs = CapturedLogs.start()) {
            StackSecurity security = secured.security();
            Map<String, String> options = new HashMap<>();
            options.put("kafka.bootstrap-servers", secured.kafkaBootstrapServers());
            security.kafkaClientProperties().forEach((key, value) -> options.put("kafka.properties." + key, value));
            options.put("elasticsearch.hosts", secured.elasticsearchUrl());
            options.put("elasticsearch.username", StackSecurity.ELASTICSEARCH_USER);
            options.put("elasticsearch.password", security.elasticsearchPassword());
            options.put("elasticsearch.ssl.truststore.location", security.trustStore().toString());
            options.put("elasticsearch.ssl.truststore.password", security.storePassword());
            List<byte[]> deadLetters = new ArrayList<>();
            List<String> usedConfig = new ArrayList<>();

            LiveAgainstReplay.agree(dir, new LiveAgainstReplay.Fault() {
                @Override
                public Map<String, String> testOptions() {
                    return options;
                }

                @Override
                public void started(ArrearsConfig config) throws Exception {
                    usedConfig.add(config.toString());
                    KafkaTestClient.produce(config, config.topic(EventStream.INVOICES), "poison",
                            "not the wire format".getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public void alertsIn(ArrearsConfig config) throws Exception {
                    for (ConsumerRecord<byte[], byte[]> letter : KafkaTestClient.consume(config,
                            config.get(ArrearsOptions.TOPIC_DEADLETTER), 1, Duration.ofSeconds(60))) {
                        deadLetters.add(letter.value());
                    }
                    assertThat(deadLetters).as("the poison's dead letter, over SASL_SSL").hasSize(1);
                    String index = config.get(ArrearsOptions.INDEX_CUSTOMERS);
                    ArrearsConfig wrong = withElasticsearchAuth(config, StackSecurity.ELASTICSEARCH_USER,
                            "wrong-password-1234");
                    assertThatThrownBy(() -> ElasticsearchTestClient.all(wrong, index))
                            .hasMessageContaining("401").hasMessageNotContaining("wrong-password-1234");
                }
            });

            // A Kafka client with a wrong password is refused by the broker.
            ArrearsConfig wrongScram = ArrearsConfig.of(Map.of("kafka.bootstrap-servers", secured.kafkaBootstrapServers(),
                    "kafka.properties.security.protocol", "SASL_SSL", "kafka.properties.sasl.mechanism", StackSecurity.SCRAM,
                    "kafka.properties.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule "
                            + "required username=\"arrears\" password=\"wrong-scram-5678\";",
                    "kafka.properties.ssl.truststore.location", security.trustStore().toString(),
                    "kafka.properties.ssl.truststore.password", security.storePassword(),
                    "kafka.properties.ssl.truststore.type", "PKCS12"));
            assertThatThrownBy(() -> KafkaTestClient.produce(wrongScram, "any", "k", new byte[1]))
                    .hasStackTraceContaining("Authentication failed");

            Map<String, String> secrets = new HashMap<>(security.secrets());
            secrets.put("a wrong Elasticsearch password", "wrong-password-1234");
            secrets.put("a wrong Kafka password", "wrong-scram-5678");
            List<String> logged = logs.lines();
            assertThat(logged).as("the Kafka clients' configuration dumps, where a password would show")
                    .anyMatch(line -> line.contains("sasl.jaas.config = [hidden]"));
            List<String> outputs = new ArrayList<>(usedConfig);
            deadLetters.forEach(letter -> outputs.add(new String(letter, StandardCharsets.ISO_8859_1)));
            secrets.forEach((what, secret) -> {
                assertThat(logged).as(what + " in the logs").noneMatch(line -> line.contains(secret));
                assertThat(outputs).as(what + " in a dead letter or the configuration's description")
                        .noneMatch(text -> text.contains(secret));
            });
            System.out.printf("SecuredDeploymentTest: %d log lines and %d dead letters searched for %d secrets%n",
                    logged.size(), deadLetters.size(), secrets.size());
        }
    }

    private static ArrearsConfig withElasticsearchAuth(ArrearsConfig config, String user, String password) {
        Map<String, String> values = config.values();
        values.put("elasticsearch.username", user);
        values.put("elasticsearch.password", password);
        return ArrearsConfig.of(values);
    }
}
