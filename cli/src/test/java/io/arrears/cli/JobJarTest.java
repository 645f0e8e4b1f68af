package io.arrears.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The job jar as `flink run` takes it: the client finds the entry point in the manifest, runs main() in a
 * user-code class loader and builds the job graph. Nothing Flink itself provides may be inside.
 */
class JobJarTest {

    private static final File JOB_JAR = new File(System.getProperty("arrears.job.jar"));

    /** What the job jar shades; a cluster's class path has none of it. */
    private static final List<String> SHADED = List.of("arrears-", "flink-connector-kafka-", "kafka-clients-",
            "avro-1", "flink-avro-", "zstd-jni-", "lz4-java-", "snappy-java-");

    @Test
    void theClientBuildsTheJobGraphFromTheJar() throws Exception {
        assertThat(JOB_JAR).as("built by the jobs module").isFile();
        String flinkOnly = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> SHADED.stream().noneMatch(prefix -> new File(entry).getName().startsWith(prefix)))
                .collect(Collectors.joining(File.pathSeparator));
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", flinkOnly, JobGraphProbe.class.getName(), JOB_JAR.getPath(),
                "--kafka.bootstrap-servers", "broker:9092", "--registry.url", "http://registry:8081")
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes());
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();

        assertThat(output).contains("main io.arrears.CollectionsJob", "source-invoices", "source-policies",
                "sink-deadletter");
        assertThat(output).as("exactly-once output needs checkpoints even when the cluster sets none")
                .containsPattern("checkpoint-interval [1-9][0-9]*");
    }

    @Test
    void theJarShadesItsDependenciesButNotFlink() throws Exception {
        try (JarFile jar = new JarFile(JOB_JAR)) {
            List<String> entries = jar.stream().map(e -> e.getName()).toList();
            assertThat(entries).contains(
                    "io/arrears/CollectionsJob.class",
                    "io/arrears/events/InvoiceEvent.class",
                    "org/apache/flink/connector/kafka/source/KafkaSource.class",
                    "org/apache/flink/formats/avro/RegistryAvroDeserializationSchema.class",
                    "org/apache/flink/avro/registry/confluent/shaded/io/confluent/kafka/schemaregistry/client/CachedSchemaRegistryClient.class",
                    "org/apache/kafka/clients/consumer/KafkaConsumer.class",
                    "org/apache/avro/Schema.class");
            assertThat(entries).noneMatch(e -> e.startsWith("org/apache/flink/api/common/")
                    || e.startsWith("org/apache/flink/runtime/")
                    || e.startsWith("org/apache/flink/streaming/api/")
                    || e.startsWith("org/slf4j/")
                    || e.startsWith("org/apache/logging/log4j/"));
        }
    }
}
