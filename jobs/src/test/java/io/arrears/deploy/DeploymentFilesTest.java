package io.arrears.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arrears.CollectionsJob;
import io.arrears.NotificationsJob;
import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.notify.NotificationSettings;

/**
 * docker-compose.yml and the Kubernetes manifest run what the code builds: the job class, the jar, the topics,
 * the versions of Flink, Kafka, the registry and Elasticsearch that the build and the tests use. Without a Docker
 * engine here, the compose file is checked for what an engine would refuse or trip on, and by docker-compose's own
 * validation where that program is installed.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_]+)(:-[^}]*)?}");

    private final JsonNode compose = read("docker-compose.yml");
    private final JsonNode services = compose.get("services");
    private final Map<String, String> pom = pomProperties();

    @Test
    void imagesArePinnedToTheVersionsTheBuildUses() {
        assertThat(image("kafka")).isEqualTo("apache/kafka:" + pom.get("kafka.version"));
        assertThat(image("schema-registry"))
                .isEqualTo("confluentinc/cp-schema-registry:" + pom.get("confluent.platform.version"));
        assertThat(image("elasticsearch"))
                .isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:" + pom.get("elasticsearch.server.version"));
        String flink = "flink:" + pom.get("flink.version") + "-java17";
        assertThat(List.of(image("jobmanager"), image("taskmanager"), image("setup"))).containsOnly(flink);
        assertThat(image("grafana")).isEqualTo("grafana/grafana:" + pom.get("grafana.version"));
        String jdk = "eclipse-temurin:" + pom.get("temurin.image.version");
        assertThat(List.of(image("build"), image("generator"))).containsOnly(jdk);
        services.fields().forEachRemaining(service -> assertThat(service.getValue().get("image").asText())
                .as("image of %s", service.getKey()).doesNotEndWith(":latest").contains(":"));
    }

    @Test
    void theSetUpCreatesTheTopicsAndSubmitsTheCurrentJobJar() throws Exception {
        String setup = services.at("/setup/command").toString();
        assertThat(setup).contains(CollectionsJob.class.getName() + ":", NotificationsJob.class.getName() + ":")
                .contains("/src/jobs/target/arrears-jobs-" + pom.get("project.version") + "-job.jar")
                .contains("io.arrears.cli.Arrears topics");
        assertThat(services.at("/generator/command").toString()).contains("\"generate\"", "\"--kafka\"", "\"--live\"");

        // The options file the job and the tools read inside the stack: valid, on the services' own addresses,
        // and on the topics the job expects (the defaults, which the topics command creates).
        Path options = ROOT.resolve("deploy/compose/arrears.properties");
        assertThat(setup).contains("--config /src/deploy/compose/arrears.properties");
        ArrearsConfig config = ArrearsConfig.fromArgs("--config", options.toString());
        assertThat(config.get(ArrearsOptions.KAFKA_BOOTSTRAP_SERVERS))
                .isEqualTo(advertised("kafka", "INTERNAL"));
        assertThat(config.get(ArrearsOptions.REGISTRY_URL)).isEqualTo("http://schema-registry:"
                + services.at("/schema-registry/environment/SCHEMA_REGISTRY_LISTENERS").asText().replaceAll(".*:", ""));
        assertThat(config.elasticsearchHosts()).containsExactly("http://elasticsearch:9200");
        assertThat(services.at("/grafana/environment/ELASTICSEARCH_URL").asText()).isEqualTo("http://elasticsearch:9200");
        for (var topic : List.of(ArrearsOptions.TOPIC_ALERTS, ArrearsOptions.TOPIC_DEADLETTER)) {
            assertThat(config.get(topic)).isEqualTo(topic.defaultValue());
        }
        assertThat(Files.readString(options)).doesNotContain("topic.");

        // The notifications job's side: its routing file is valid and mails go to the stack's own mailbox.
        NotificationSettings notifications = NotificationSettings.from(ArrearsConfig.fromArgs("--config",
                options.toString(), "--notify.routing-file",
                ROOT.resolve("deploy/compose/notification-routing.json").toString()));
        assertThat(config.get(ArrearsOptions.NOTIFY_ROUTING_FILE))
                .isEqualTo("/src/deploy/compose/notification-routing.json");
        assertThat(notifications.smtp().host()).isEqualTo("mailpit");
        assertThat(services.has("mailpit")).isTrue();
        assertThat(services.at("/setup/depends_on/mailpit/condition").asText()).isEqualTo("service_healthy");
    }

    @Test
    void flinkRunsRocksDbWithCheckpointsOnAVolumeBothProcessesShare() {
        String properties = compose.get("x-flink-properties").asText();
        assertThat(properties).contains("state.backend.type: rocksdb", "execution.checkpointing.incremental: true",
                "execution.checkpointing.dir: file:///flink-data/checkpoints");
        for (String process : List.of("jobmanager", "taskmanager")) {
            assertThat(services.at("/" + process + "/environment/FLINK_PROPERTIES").asText()).isEqualTo(properties);
            assertThat(services.at("/" + process + "/volumes").toString()).contains("flink-data:/flink-data");
        }
    }

    @Test
    void startOrderWaitsForHealthAndEveryReferenceResolves() {
        Set<String> declaredVolumes = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(declaredVolumes::add);
        Set<String> hostPorts = new HashSet<>();
        services.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            service.path("depends_on").fields().forEachRemaining(dependency -> {
                JsonNode target = services.get(dependency.getKey());
                assertThat(target).as("%s depends on an unknown service %s", name, dependency.getKey()).isNotNull();
                String condition = dependency.getValue().get("condition").asText();
                assertThat(condition).isIn("service_healthy", "service_started", "service_completed_successfully");
                if (condition.equals("service_healthy")) {
                    assertThat(target.has("healthcheck")).as("%s waits for %s to be healthy", name,
                            dependency.getKey()).isTrue();
                }
                if (condition.equals("service_completed_successfully")) {
                    assertThat(target.path("restart").asText("no")).as("one-shot %s", dependency.getKey())
                            .isIn("no", "on-failure");
                }
            });
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(ROOT.resolve(source)).as("bind mount of %s", name).exists();
                } else {
                    assertThat(declaredVolumes).as("volume of %s", name).contains(source);
                }
            }
            for (JsonNode port : service.path("ports")) {
                assertThat(port.isTextual()).as("ports of %s are quoted strings", name).isTrue();
                assertThat(hostPorts.add(port.asText().split(":")[0])).as("host port %s used twice", port).isTrue();
            }
        });
        assertThat(services.at("/grafana/volumes").toString())
                .contains("./dashboards/provisioning:/etc/grafana/provisioning")
                .contains("./dashboards/json:/var/lib/grafana/dashboards/arrears");
        assertThat(services.at("/grafana/environment/GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("true");
        assertThat(services.at("/setup/depends_on/build/condition").asText())
                .isEqualTo("service_completed_successfully");
        assertThat(services.at("/generator/depends_on/setup/condition").asText())
                .isEqualTo("service_completed_successfully");
    }

    @Test
    void interpolatedVariablesHaveDefaults() throws Exception {
        Matcher matcher = INTERPOLATION.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
        while (matcher.find()) {
            assertThat(matcher.group(2)).as("${%s} needs a default so that a bare `up` works", matcher.group(1))
                    .isNotNull();
        }
    }

    /** Debian's docker-compose 1.29 validates a file without an engine: types, conditions, undeclared volumes. */
    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        File program = findOnPath("docker-compose");
        Assumptions.assumeTrue(program != null,
                "docker-compose is not installed here (apt-get install docker-compose); the other checks still ran");
        Process process = new ProcessBuilder(program.getPath(), "-f", "docker-compose.yml", "config", "-q")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void theKubernetesManifestRunsTheJobWithRocksDbAndIncrementalCheckpoints() throws Exception {
        JsonNode deployment = read("deploy/kubernetes/arrears-collections.yaml");
        assertThat(deployment.get("kind").asText()).isEqualTo("FlinkDeployment");
        String[] flink = pom.get("flink.version").split("\\.");
        assertThat(deployment.at("/spec/flinkVersion").asText()).isEqualTo("v" + flink[0] + "_" + flink[1]);
        assertThat(deployment.at("/spec/job/entryClass").asText()).isEqualTo(CollectionsJob.class.getName());
        assertThat(deployment.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
        JsonNode configuration = deployment.at("/spec/flinkConfiguration");
        assertThat(configuration.get("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(configuration.get("execution.checkpointing.incremental").asText()).isEqualTo("true");
        assertThat(deployment.at("/spec/job/args").toString()).doesNotContain("password", "api-key");
        // The job's default transaction timeout fits the manifest's checkpointing (it refuses to start otherwise).
        var env = org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment(
                org.apache.flink.configuration.Configuration.fromMap(java.util.Map.of(
                        "execution.checkpointing.interval", configuration.get("execution.checkpointing.interval").asText(),
                        "execution.checkpointing.timeout", configuration.get("execution.checkpointing.timeout").asText())));
        assertThat(env.getCheckpointConfig().getCheckpointTimeout()).isEqualTo(10 * 60_000L);
        io.arrears.io.kafka.KafkaOutputs.checkTransactionTimeout(io.arrears.config.ArrearsConfig.of(java.util.Map.of()),
                env);

        String dockerfile = Files.readString(ROOT.resolve("deploy/kubernetes/Dockerfile"));
        assertThat(dockerfile).contains("FROM flink:" + pom.get("flink.version") + "-java17")
                .contains("jobs/target/arrears-jobs-" + pom.get("project.version") + "-job.jar")
                .contains(deployment.at("/spec/job/jarURI").asText().replace("local://", ""));
    }

    private String image(String service) {
        return services.at("/" + service + "/image").asText();
    }

    private String advertised(String service, String listener) {
        for (String address : services.at("/" + service + "/environment/KAFKA_ADVERTISED_LISTENERS").asText()
                .split(",")) {
            if (address.startsWith(listener + "://")) {
                return address.substring(listener.length() + 3);
            }
        }
        throw new AssertionError("no " + listener + " listener on " + service);
    }

    private static JsonNode read(String file) {
        try {
            // SnakeYAML itself, as it resolves anchors and aliases, which Jackson's YAML reader leaves as names.
            try (var reader = Files.newBufferedReader(ROOT.resolve(file), StandardCharsets.UTF_8)) {
                return JSON.valueToTree(new Yaml().load(reader));
            }
        } catch (Exception e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> pomProperties() {
        try {
            Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(ROOT.resolve("pom.xml").toFile());
            Map<String, String> properties = new java.util.HashMap<>();
            Node node = pom.getElementsByTagName("properties").item(0).getFirstChild();
            for (; node != null; node = node.getNextSibling()) {
                if (node.getNodeType() == Node.ELEMENT_NODE) {
                    properties.put(node.getNodeName(), node.getTextContent().trim());
                }
            }
            properties.put("project.version", ((org.w3c.dom.Element) pom.getDocumentElement())
                    .getElementsByTagName("version").item(0).getTextContent().trim());
            return properties;
        } catch (Exception e) {
            throw new AssertionError("cannot read pom.xml: " + e.getMessage(), e);
        }
    }

    private static File findOnPath(String program) {
        List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        for (String directory : directories) {
            File candidate = new File(directory, program);
            if (candidate.canExecute()) {
                return candidate;
            }
        }
        return null;
    }
}
