package io.arrears.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (broker and controller in one process). Secured, its client listener is SASL_SSL
 * with SCRAM-SHA-512 (users created when the log directory is formatted) and the stack's certificate.
 */
final class KafkaBroker extends LocalService {

    private static final String BROKER_USER = "broker";

    private final String classpath;
    private final int controllerPort;
    private final StackSecurity security;
    private Admin admin;

    KafkaBroker(int port, int controllerPort, String classpath, StackSecurity security) {
        super(Service.KAFKA, port);
        this.controllerPort = controllerPort;
        this.classpath = classpath;
        this.security = security;
    }

    @Override
    void launch(Path runDirectory) {
        Path home = runDirectory.resolve("kafka");
        Path config = home.resolve("server.properties");
        Path logConfig = home.resolve("log4j2.properties");
        Path log = home.resolve("kafka.log");
        try {
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("tmp"));
            Files.writeString(config, serverProperties(home), StandardCharsets.UTF_8);
            Files.writeString(logConfig, String.join("\n",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.stdout.ref = STDOUT",
                    "appender.stdout.type = Console",
                    "appender.stdout.name = STDOUT",
                    "appender.stdout.layout.type = PatternLayout",
                    "appender.stdout.layout.pattern = [%d] %p %m (%c)%n",
                    "logger.kafka.name = kafka",
                    "logger.kafka.level = WARN",
                    "logger.apache.name = org.apache.kafka",
                    "logger.apache.level = WARN",
                    "logger.server.name = kafka.server.KafkaRaftServer",
                    "logger.server.level = INFO",
                    ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> format = new ArrayList<>(java(home));
        format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString(), "--standalone"));
        if (security != null) {
            format.addAll(List.of("--add-scram", StackSecurity.SCRAM + "=[name=" + BROKER_USER + ",password="
                            + security.kafkaBrokerPassword() + "]",
                    "--add-scram", StackSecurity.SCRAM + "=[name=" + StackSecurity.KAFKA_USER + ",password="
                            + security.kafkaPassword() + "]"));
        }
        ManagedProcess formatting = ManagedProcess.start("kafka-format", format, Map.of(), home, log);
        if (!formatting.waitFor(Duration.ofSeconds(60)) || formatting.exitValue() != 0) {
            formatting.stop(Duration.ofSeconds(5));
            throw new LocalStackException(service, "could not format its log directory " + home.resolve("data")
                    + ". Last lines of " + log + ":\n" + formatting.logTail(25));
        }

        startServer(home);
    }

    /** The broker again on its formatted log directory, as after a node's restart. */
    @Override
    void relaunch(Path runDirectory) {
        startServer(runDirectory.resolve("kafka"));
    }

    private void startServer(Path home) {
        List<String> server = new ArrayList<>(java(home));
        server.addAll(List.of("kafka.Kafka", home.resolve("server.properties").toString()));
        process = ManagedProcess.start("kafka", server, Map.of(), home, home.resolve("kafka.log"));
    }

    private List<String> java(Path home) {
        return List.of(javaExecutable().toString(), "-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
                "-Djava.io.tmpdir=" + home.resolve("tmp"),
                "-Dlog4j2.configurationFile=" + home.resolve("log4j2.properties"),
                "-cp", classpath);
    }

    private String serverProperties(Path home) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        String client = security == null ? "PLAINTEXT" : "SASL_SSL";
        p.setProperty("listeners", client + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", client + "://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", client);
        p.setProperty("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        if (security != null) {
            p.setProperty("sasl.enabled.mechanisms", StackSecurity.SCRAM);
            p.setProperty("sasl.mechanism.inter.broker.protocol", StackSecurity.SCRAM);
            p.setProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                    StackSecurity.scramLogin(BROKER_USER, security.kafkaBrokerPassword()));
            p.setProperty("ssl.keystore.location", security.keyStore().toString());
            p.setProperty("ssl.keystore.password", security.storePassword());
            p.setProperty("ssl.keystore.type", "PKCS12");
            p.setProperty("ssl.key.password", security.storePassword());
            // The broker is its own inter-broker client, and checks at start that it trusts itself.
            p.setProperty("ssl.truststore.location", security.trustStore().toString());
            p.setProperty("ssl.truststore.password", security.storePassword());
            p.setProperty("ssl.truststore.type", "PKCS12");
        }
        p.setProperty("log.dirs", home.resolve("data").toString());
        // One broker: internal topics must not wait for replicas that will never exist, or transactional
        // producers (the exactly-once sinks) time out in InitProducerId.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly, so a misspelt topic name fails instead of silently creating one.
        p.setProperty("auto.create.topics.enable", "false");
        StringBuilder text = new StringBuilder();
        p.stringPropertyNames().stream().sorted()
                .forEach(key -> text.append(key).append('=').append(p.getProperty(key)).append('\n'));
        return text.toString();
    }

    @Override
    boolean isReady() throws Exception {
        if (admin == null) {
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint());
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
            properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
            if (security != null) {
                properties.putAll(security.kafkaClientProperties());
            }
            admin = Admin.create(properties);
        }
        return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
    }

    @Override
    void closeProbe() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    @Override
    String endpoint() {
        return "127.0.0.1:" + port;
    }

    @Override
    List<Integer> ports() {
        return List.of(port, controllerPort);
    }
}
