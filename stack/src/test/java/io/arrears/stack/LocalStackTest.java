package io.arrears.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LocalStackTest {

    @Test
    void startsEveryServiceForRealAndStopsThemAll() throws Exception {
        List<Long> pids;
        List<Integer> ports;
        Path runDirectory;
        try (LocalStack stack = LocalStack.builder().start(EnumSet.allOf(Service.class))) {
            runDirectory = stack.runDirectory();
            assertKafkaCarriesARecord(stack.kafkaBootstrapServers());

            Http.Response config = Http.get(stack.schemaRegistryUrl() + "/config");
            assertThat(config.status()).isEqualTo(200);
            assertThat(config.body()).contains("BACKWARD");

            Http.Response health = Http.get(stack.elasticsearchUrl() + "/_cluster/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).contains("\"number_of_nodes\":1");

            pids = stack.processIds();
            assertThat(pids).hasSizeGreaterThanOrEqualTo(3);
            ports = List.of(port(stack.kafkaBootstrapServers()), port(stack.schemaRegistryUrl()),
                    port(stack.elasticsearchUrl()));
        }
        awaitGone(pids, Duration.ofSeconds(30));
        assertThat(ports).noneMatch(Ports::isInUse);
        assertThat(runDirectory).doesNotExist();
    }

    @Test
    void aPortClashNamesTheServiceThePortAndShowsTheLog() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            for (Service service : List.of(Service.SCHEMA_REGISTRY, Service.KAFKA)) {
                Instant start = Instant.now();
                assertThatThrownBy(() -> LocalStack.builder().port(service, port).start(EnumSet.of(service)))
                        .isInstanceOf(LocalStackException.class)
                        .hasMessageStartingWith(service.displayName() + " exited with code")
                        .hasMessageContaining("port 127.0.0.1:" + port + " is already in use by another process")
                        .hasMessageContaining("Last lines of")
                        // The service's own complaint, from the log tail, names the port too.
                        .satisfies(e -> assertThat(e.getMessage().substring(e.getMessage().indexOf("Last lines of")))
                                .contains(String.valueOf(port)));
                // Detected by the process dying, not by waiting out the 120 s start timeout.
                assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(60));
            }
        }
    }

    @Test
    void aServiceThatCannotLaunchReportsItsExitAndLog() {
        Distributions real = Distributions.fromBuild();
        Distributions broken = new Distributions(real.elasticsearchHome(), Path.of("/nonexistent/registry.jar"),
                real.kafkaClasspath());
        assertThatThrownBy(() -> LocalStack.builder().distributions(broken).start(EnumSet.of(Service.SCHEMA_REGISTRY)))
                .isInstanceOf(LocalStackException.class)
                .hasMessageStartingWith("Schema registry (Apicurio) exited with code 1 before it was ready")
                .hasMessageContaining("/nonexistent/registry.jar");
    }

    @Test
    void aServiceNotReadyInTimeIsStoppedAndReported() throws Exception {
        LocalStack stack = LocalStack.builder().startTimeout(Duration.ofMillis(500)).build();
        assertThatThrownBy(() -> stack.ensureStarted(EnumSet.of(Service.SCHEMA_REGISTRY)))
                .isInstanceOf(LocalStackException.class)
                .hasMessageStartingWith("Schema registry (Apicurio) was not ready within 0 s")
                .hasMessageContaining("Last lines of");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
        stack.close();
    }

    @Test
    void servicesDieWithTheJvmThatStartedThemEvenWhenItIsKilled() throws Exception {
        Process jvm = new ProcessBuilder(LocalService.javaExecutable().toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Darrears.stack.workdir=" + System.getProperty("arrears.stack.workdir", "target/local-stack"),
                LocalStackMain.class.getName(), "registry")
                .redirectErrorStream(true)
                .start();
        List<Long> pids = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.append(line).append('\n');
                if (line.startsWith("Service processes: ")) {
                    pids = Arrays.stream(line.substring("Service processes: ".length()).trim().split(" "))
                            .map(Long::parseLong).toList();
                    break;
                }
            }
            assertThat(pids).as("child output:\n%s", seen).isNotNull().isNotEmpty();
            assertThat(seen.toString()).contains("Schema registry URL      http://127.0.0.1:");
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            jvm.destroyForcibly();
        }
        awaitGone(pids, Duration.ofSeconds(30));
    }

    private static void assertKafkaCarriesARecord(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("stack-check", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties producerConfig = new Properties();
        producerConfig.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("stack-check", "k", "hello")).get(30, TimeUnit.SECONDS);
        }
        Properties consumerConfig = new Properties();
        consumerConfig.put("bootstrap.servers", bootstrap);
        consumerConfig.put("group.id", "stack-check");
        consumerConfig.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("stack-check"));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    assertThat(records.iterator().next().value()).isEqualTo("hello");
                    return;
                }
            }
        }
        throw new AssertionError("the record produced to the local Kafka never came back");
    }

    private static int port(String endpoint) {
        String hostPort = endpoint.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static void awaitGone(List<Long> pids, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (pids.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(pids).as("service processes still alive after %s", timeout)
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
}
