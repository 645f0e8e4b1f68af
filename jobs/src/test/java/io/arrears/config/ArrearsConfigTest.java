package io.arrears.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arrears.ingest.EventStream;

class ArrearsConfigTest {

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        ArrearsConfig config = ArrearsConfig.fromArgs();
        assertThat(config.get(ArrearsOptions.KAFKA_DELIVERY)).isEqualTo(ArrearsOptions.DeliveryMode.EXACTLY_ONCE);
        assertThat(config.topic(EventStream.INVOICES)).isEqualTo("ar.invoices");
        assertThat(config.registry().urlList()).containsExactly("http://localhost:8081");
    }

    @Test
    void argumentsOverrideTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("arrears.yaml");
        Files.writeString(file, String.join("\n",
                "# a comment",
                "kafka.bootstrap-servers: broker-1:9092,broker-2:9092",
                "topic.invoices: \"erp.invoices\"",
                "kafka.delivery: at_least_once",
                "kafka.properties.security.protocol: SASL_SSL",
                "source.idle-timeout: 45 s"));
        ArrearsConfig config = ArrearsConfig.fromArgs("--config", file.toString(),
                "--topic.invoices", "override.invoices", "--registry.url=https://registry:8081");

        assertThat(config.get(ArrearsOptions.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(config.topic(EventStream.INVOICES)).isEqualTo("override.invoices");
        assertThat(config.get(ArrearsOptions.KAFKA_DELIVERY)).isEqualTo(ArrearsOptions.DeliveryMode.AT_LEAST_ONCE);
        assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.get(ArrearsOptions.SOURCE_IDLE_TIMEOUT)).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.registry().urlList()).containsExactly("https://registry:8081");
    }

    @Test
    void anUnknownOptionIsRefusedWithASuggestion() {
        assertThatThrownBy(() -> ArrearsConfig.fromArgs("--kafka.bootstrap-server", "x:1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown option 'kafka.bootstrap-server'; did you mean 'kafka.bootstrap-servers'?"
                        + " Every option is listed in docs/configuration.md.");
    }

    @Test
    void aBadValueNamesTheOptionAndTheDefault() {
        assertThatThrownBy(() -> ArrearsConfig.fromArgs("--kafka.delivery", "twice"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Option 'kafka.delivery' has an invalid value 'twice'")
                .hasMessageEndingWith("(default: EXACTLY_ONCE)");
        assertThatThrownBy(() -> ArrearsConfig.fromArgs("--source.idle-timeout", "soon"))
                .hasMessageStartingWith("Option 'source.idle-timeout' has an invalid value 'soon'");
        assertThatThrownBy(() -> ArrearsConfig.fromArgs("--registry.url", "localhost:8081"))
                .hasMessage("Option 'registry.url' must be http:// or https:// URLs, was 'localhost:8081'.");
        assertThatThrownBy(() -> ArrearsConfig.fromArgs("--registry.ssl.truststore.location", "/no/such.jks"))
                .hasMessageContaining("'/no/such.jks', which is not a readable file");
        assertThatThrownBy(() -> ArrearsConfig.fromArgs("--source.idle-timeout", "0 s"))
                .hasMessage("Option 'source.idle-timeout' must be positive, was PT0S.");
    }

    @Test
    void aLedgerCacheOfNoCustomersIsRefused() {
        assertThatThrownBy(() -> ArrearsConfig.fromArgs("--ledger.cache-customers", "0"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Option 'ledger.cache-customers' must be at least 1.");
        assertThatThrownBy(() -> ArrearsConfig.fromArgs("--ledger.cache-customers", "99999999999"))
                .hasMessageStartingWith("Option 'ledger.cache-customers' has an invalid value '99999999999'");
    }

    @Test
    void malformedArgumentsAndMissingFilesAreExplained() {
        assertThatThrownBy(() -> ArrearsConfig.fromArgs("kafka.group-id", "x"))
                .hasMessageContaining("options are given as --key value or --key=value");
        assertThatThrownBy(() -> ArrearsConfig.fromArgs("--kafka.group-id"))
                .hasMessage("Option --kafka.group-id has no value.");
        assertThatThrownBy(() -> ArrearsConfig.fromArgs("--config", "/no/such/file.yaml"))
                .hasMessageStartingWith("Cannot read the configuration file /no/such/file.yaml");
    }

    @Test
    void secretsNeverShowInItsDescription() {
        ArrearsConfig config = ArrearsConfig.of(Map.of(
                "registry.basic-auth.user-info", "svc:hunter2",
                "registry.bearer-token", "tok-123",
                "kafka.properties.sasl.jaas.config", "PlainLoginModule required password=\"p4ss\";",
                "kafka.properties.security.protocol", "SASL_SSL",
                "registry.url", "https://registry.example.com",
                "kafka.group-id", "visible"));
        assertThat(config.toString()).contains("visible").doesNotContain("hunter2", "tok-123", "p4ss");
        assertThat(config.registry().toString()).doesNotContain("hunter2", "tok-123");
    }

    @Test
    void registryCredentialsUseTheConfluentClientKeys() {
        ArrearsConfig config = ArrearsConfig.of(Map.of(
                "registry.basic-auth.user-info", "svc:pw",
                "registry.bearer-token", "tok",
                "registry.url", "https://registry.example.com"));
        assertThat(config.registry().clientConfig())
                .containsEntry("basic.auth.credentials.source", "USER_INFO")
                .containsEntry("basic.auth.user.info", "svc:pw")
                .containsEntry("bearer.auth.credentials.source", "STATIC_TOKEN")
                .containsEntry("bearer.auth.token", "tok");
    }

    @Test
    void credentialsThatWouldTravelUnencryptedAreRefusedUnlessAllowed() {
        assertThatThrownBy(() -> ArrearsConfig.of(Map.of("registry.url", "http://registry:8081",
                "registry.basic-auth.user-info", "svc:pw")))
                .hasMessageContaining("'registry.url'").hasMessageContaining("security.allow-plaintext-credentials")
                .hasMessageNotContaining("svc:pw");
        assertThatThrownBy(() -> ArrearsConfig.of(Map.of("registry.url", "https://registry:8081",
                "registry.bearer-token", "tok", "elasticsearch.hosts", "https://es1:9200,http://es2:9200",
                "elasticsearch.api-key", "k3y")))
                .hasMessageContaining("'elasticsearch.hosts'").hasMessageNotContaining("k3y");
        assertThatThrownBy(() -> ArrearsConfig.of(Map.of("elasticsearch.hosts", "http://es:9200",
                "elasticsearch.username", "arrears", "elasticsearch.password", "pw")))
                .hasMessageContaining("'elasticsearch.hosts'");
        assertThatThrownBy(() -> ArrearsConfig.of(Map.of("kafka.properties.security.protocol", "SASL_PLAINTEXT",
                "kafka.properties.sasl.jaas.config", "ScramLoginModule required password=\"p4ss\";")))
                .hasMessageContaining("'kafka.properties.security.protocol' is not SASL_SSL")
                .hasMessageNotContaining("p4ss");

        assertThat(ArrearsConfig.of(Map.of("elasticsearch.hosts", "http://localhost:9200",
                "elasticsearch.api-key", "k3y", "security.allow-plaintext-credentials", "true")).toString())
                .doesNotContain("k3y");
        assertThat(ArrearsConfig.of(Map.of("elasticsearch.hosts", "https://es:9200", "elasticsearch.api-key", "k3y",
                "kafka.properties.security.protocol", "SASL_SSL",
                "kafka.properties.sasl.jaas.config", "ScramLoginModule required;"))).isNotNull();
    }
}
