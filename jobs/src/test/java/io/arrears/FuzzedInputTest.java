package io.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.events.Alert;
import io.arrears.generator.HistoryGenerator;
import io.arrears.ingest.EventStream;
import io.arrears.ingest.Ingested;
import io.arrears.io.files.AvroJson;
import io.arrears.io.files.EventFileWriter;
import io.arrears.io.kafka.EventProducer;
import io.arrears.io.kafka.KafkaEventDeserializer;
import io.arrears.io.registry.RegistryAvro;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.replay.Replay;
import io.arrears.testing.KafkaTestClient;
import io.arrears.testing.RealServices;
import io.arrears.testing.RecordFuzzer;

/**
 * 10,000 mutated records on the input topics, each of a customer (or segment) of its own, beside a generated
 * history, through the real Kafka and registry into the collections job, which may not restart (restarts are
 * off: one failure fails the test). Each mutant must be dead-lettered exactly when the job's own decoder,
 * asked offline, refuses it, and the history's customers must get the alerts a replay gives them.
 */
class FuzzedInputTest {

    private static final int MUTANTS = 10_000;
    private static final Instant END = LocalDate.now(ZoneOffset.UTC).minusDays(200).atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Test
    void everyMutantIsDeadLetteredOrUsedWithoutARestartAndTheGoodCustomersAreUnaffected(@TempDir Path dir)
            throws Exception {
        ArrearsConfig config = RealServices.freshTopicsAndIndices("fuzz", Map.of("source.idle-timeout", "15 s",
                "kpi.interval", "1 d"));
        Path history = dir.resolve("history.jsonl");
        List<HistoryGenerator.Generated> bases = new ArrayList<>();
        Set<String> goodCustomers = new HashSet<>();
        try (EventFileWriter file = new EventFileWriter(history); EventProducer kafka = new EventProducer(config)) {
            new HistoryGenerator(23, 12, END.minus(Duration.ofDays(90)), END, 0).generate(generated -> {
                file.accept(generated);
                kafka.accept(generated);
                bases.add(generated);
                if (generated.stream() != EventStream.POLICIES) {
                    goodCustomers.add(field(generated.record(), "customerId"));
                }
            });
            kafka.flush();
        }
        Replay.Result replayed = new Replay(config, 2, new PrintStream(new ByteArrayOutputStream()))
                .run(history, Instant.now(), dir.resolve("replay"));
        assertThat(replayed.deadLetters()).isZero();
        List<String> expected = Files.readAllLines(dir.resolve("replay/alerts.jsonl")).stream()
                .map(AvroJson::parse).map(LiveAgainstReplay::transition).toList();

        List<Mutant> mutants = produceMutants(config, bases);

        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = JobEnvironment.local(dir.resolve("checkpoints"), Duration.ofSeconds(1), 2,
                noRestarts);
        CollectionsJob.build(env, config);
        JobClient job = env.executeAsync("collections-fuzz");
        try {
            List<String> good = goodAlerts(config, goodCustomers, expected.size());
            assertThat(good).as("the history's alerts on ar.alerts").containsExactlyInAnyOrderElementsOf(expected);
            // Asked now, the registry holds what the job registered too (a mutated schema id may name one).
            Map<String, String> refusedOffline = refused(config, mutants);
            assertThat(refusedOffline.size()).as("mutants refused by the decoder")
                    .isBetween(MUTANTS / 2, MUTANTS - 1);
            Map<String, Long> byReason = new java.util.TreeMap<>(refusedOffline.values().stream().collect(
                    java.util.stream.Collectors.groupingBy(code -> code, java.util.stream.Collectors.counting())));
            System.out.printf("Fuzzed %,d records: %,d refused by the decoder %s, %,d valid%n", MUTANTS,
                    refusedOffline.size(), byReason, MUTANTS - refusedOffline.size());

            var decoder = RegistryAvro.deserializer(io.arrears.events.DeadLetter.class, config.registry());
            Map<String, io.arrears.events.DeadLetter> letters = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : KafkaTestClient.consume(config,
                    config.get(ArrearsOptions.TOPIC_DEADLETTER), refusedOffline.size(), PATIENCE)) {
                io.arrears.events.DeadLetter letter = decoder.deserialize(record.value());
                letters.put(letter.getSourceTopic() + "/" + letter.getPartition() + "/" + letter.getOffset(), letter);
            }
            Map<String, io.arrears.events.DeadLetter> ofInput = new HashMap<>(letters);
            ofInput.keySet().retainAll(refusedOffline.keySet());
            assertThat(ofInput.keySet()).as("mutants dead-lettered").isEqualTo(refusedOffline.keySet());
            Set<String> schemaIdMutants = new HashSet<>();
            mutants.stream().filter(Mutant::foreignSchemaId)
                    .forEach(m -> schemaIdMutants.add(m.coordinates()));
            for (var letter : ofInput.entrySet()) {
                if (schemaIdMutants.contains(letter.getKey())) {
                    // Another id may name a schema the job registers itself (alerts, dead letters): unknown
                    // (SCHEMA) when the record was read before that, a body that does not fit (DECODE) after.
                    assertThat(letter.getValue().getReasonCode()).as(letter.getKey()).isIn("SCHEMA", "DECODE");
                } else {
                    assertThat(letter.getValue().getReasonCode()).as(letter.getKey())
                            .isEqualTo(refusedOffline.get(letter.getKey()));
                }
                assertThat(letter.getValue().getError()).as(letter.getKey()).isNotBlank();
            }
            assertThat(letters.keySet()).as("other dead letters: only the ledger's").allMatch(coordinates ->
                    refusedOffline.containsKey(coordinates) || coordinates.startsWith("ledger/"));
            assertThat(job.getJobStatus().get()).as("the job, which may not restart").isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }

    /** A mutant on the topic of {@code stream}, at {@code coordinates}. */
    /** @param foreignSchemaId the header names another schema id than its topic's (a random id, a flipped bit) */
    private record Mutant(EventStream stream, boolean foreignSchemaId, ConsumerRecord<byte[], byte[]> record) {
        String coordinates() {
            return record.topic() + "/" + record.partition() + "/" + record.offset();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Mutant> produceMutants(ArrearsConfig config, List<HistoryGenerator.Generated> bases)
            throws Exception {
        Map<EventStream, RegistryAvroSerializationSchema<SpecificRecord>> encoders = new EnumMap<>(EventStream.class);
        for (EventStream stream : EventStream.values()) {
            encoders.put(stream, RegistryAvro.serializer(
                    (Class) stream.avroClass(), config.topic(stream), config.registry()));
        }
        RecordFuzzer fuzzer = new RecordFuzzer(5);
        Random pick = new Random(7);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<EventStream> streams = new ArrayList<>();
        List<Boolean> foreign = new ArrayList<>();
        for (int n = 0; n < MUTANTS; n++) {
            HistoryGenerator.Generated base = bases.get(pick.nextInt(bases.size()));
            SpecificRecord own = SpecificData.getForSchema(base.record().getSchema())
                    .deepCopy(base.record().getSchema(), base.record());
            String owner = "FZ-" + n; // a customer, or for a policy a segment, of its own
            own.put(own.getSchema().getField(base.stream() == EventStream.POLICIES ? "segment" : "customerId")
                    .pos(), owner);
            byte[] value = fuzzer.mutate(n, own, encoders.get(base.stream())::serialize);
            records.add(new ProducerRecord<>(config.topic(base.stream()), owner.getBytes(StandardCharsets.UTF_8),
                    value));
            streams.add(base.stream());
            int topicsId = java.nio.ByteBuffer.wrap(encoders.get(base.stream()).serialize(own)).getInt(1);
            foreign.add(value.length >= 5 && java.nio.ByteBuffer.wrap(value).getInt(1) != topicsId);
        }
        List<org.apache.kafka.clients.producer.RecordMetadata> sent = KafkaTestClient.produceTogether(config, records);
        List<Mutant> mutants = new ArrayList<>();
        for (int n = 0; n < MUTANTS; n++) {
            var at = sent.get(n);
            mutants.add(new Mutant(streams.get(n), foreign.get(n), new ConsumerRecord<>(at.topic(), at.partition(), at.offset(),
                    records.get(n).key(), records.get(n).value())));
        }
        return mutants;
    }

    /** The coordinates of the mutants the job's decoder refuses, asked here, with the reason code. */
    private static Map<String, String> refused(ArrearsConfig config, List<Mutant> mutants) throws Exception {
        Map<EventStream, KafkaEventDeserializer> decoders = new EnumMap<>(EventStream.class);
        for (EventStream stream : EventStream.values()) {
            decoders.put(stream, new KafkaEventDeserializer(stream, config.registry(), config.eventMapper()));
        }
        Map<String, String> refused = new HashMap<>();
        for (Mutant mutant : mutants) {
            List<Ingested> decoded = new ArrayList<>();
            decoders.get(mutant.stream()).deserialize(mutant.record(), new ListCollector<>(decoded));
            if (decoded.get(0).deadLetter() != null) {
                refused.put(mutant.coordinates(), decoded.get(0).deadLetter().reasonCode().name());
            }
        }
        return refused;
    }

    /** The alert transitions of the given customers on ar.alerts, once as many as expected have come. */
    private static List<String> goodAlerts(ArrearsConfig config, Set<String> customers, int expected)
            throws Exception {
        var decoder = RegistryAvro.deserializer(Alert.class, config.registry());
        Instant deadline = Instant.now().plus(PATIENCE);
        List<String> good = new ArrayList<>();
        do {
            good.clear();
            for (ConsumerRecord<byte[], byte[]> record : KafkaTestClient.consume(config,
                    config.get(ArrearsOptions.TOPIC_ALERTS), Integer.MAX_VALUE, Duration.ofSeconds(5))) {
                JsonNode alert = AvroJson.write(decoder.deserialize(record.value()));
                if (customers.contains(alert.get("customerId").asText())) {
                    good.add(LiveAgainstReplay.transition(alert));
                }
            }
        } while (good.size() < expected && Instant.now().isBefore(deadline));
        return good;
    }

    private static String field(SpecificRecord record, String name) {
        return String.valueOf(record.get(record.getSchema().getField(name).pos()));
    }
}
