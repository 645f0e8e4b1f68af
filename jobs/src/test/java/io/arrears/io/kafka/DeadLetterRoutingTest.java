package io.arrears.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.arrears.config.ArrearsConfig;
import io.arrears.events.CollectionActivity;
import io.arrears.events.CollectionPolicy;
import io.arrears.events.CustomerUpdated;
import io.arrears.events.DeadLetter;
import io.arrears.events.DisputeEvent;
import io.arrears.events.DisputeEventType;
import io.arrears.events.InvoiceEvent;
import io.arrears.events.PaymentEvent;
import io.arrears.ingest.EventStream;
import io.arrears.io.registry.RegistryAvro;
import io.arrears.pipeline.IngestedStreams;
import io.arrears.pipeline.InputWatermarks;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.testing.AvroSamples;
import io.arrears.testing.KafkaTestClient;
import io.arrears.testing.RealServices;

/**
 * Poison records on every input topic, between good ones, through the real job path: real Kafka, the real
 * registry, a MiniCluster with RocksDB and checkpoints, and the exactly-once dead-letter sink.
 */
class DeadLetterRoutingTest {

    private static final InMemoryReporter metrics = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(metrics.addToConfiguration(new Configuration()))
            .build());

    private record Poison(String description, byte[] value, String expectedReason, String reasonCode) {
    }

    /** Small, so that a record over it is cheap to produce; the default is 1 MiB. */
    private static final int MAX_RECORD_BYTES = 4096;

    @Test
    void poisonOnEveryInputTopicIsDeadLetteredWithItsReasonWhileGoodRecordsFlow(@TempDir Path checkpoints)
            throws Exception {
        ArrearsConfig config = RealServices.freshTopics("poison",
                Map.of("ingest.max-record-bytes", MAX_RECORD_BYTES + " b"));
        int jsonSchemaId = registerJsonSchema(config);
        List<String> expectedGood = new ArrayList<>();
        Map<String, RecordMetadata> poisonByCoordinates = new LinkedHashMap<>();
        Map<String, Poison> poisonByKey = new HashMap<>();

        for (EventStream stream : EventStream.values()) {
            String topic = config.topic(stream);
            List<Poison> poisons = poisons(stream, config, jsonSchemaId);
            for (int i = 0; i < 3; i++) {
                SpecificRecord good = AvroSamples.validInput(stream, 100 + i);
                KafkaTestClient.produce(config, topic, "C1", serialize(good, topic, config));
                expectedGood.add(idOf(good));
                if (i < 2) {
                    for (Poison poison : poisons.subList(i * poisons.size() / 2, (i + 1) * poisons.size() / 2)) {
                        RecordMetadata at = KafkaTestClient.produce(config, topic, "C1", poison.value());
                        String coordinates = at.topic() + "/" + at.partition() + "/" + at.offset();
                        poisonByCoordinates.put(coordinates, at);
                        poisonByKey.put(coordinates, poison);
                    }
                }
            }
        }

        StreamExecutionEnvironment env = JobEnvironment.local(checkpoints, Duration.ofMillis(500), 2);
        IngestedStreams streams = IngestedStreams.split(
                new KafkaInputs(config).create(env, InputWatermarks.of(config)));
        streams.deadLetters()
                .sinkTo(KafkaOutputs.sink(config, "deadletter",
                        new DeadLetterSerializer(config.get(io.arrears.config.ArrearsOptions.TOPIC_DEADLETTER),
                                config.registry())))
                .uid("deadletter-sink").name("deadletter-sink");
        DataStream<String> goodIds = streams.events().map(e -> e.eventId()).returns(Types.STRING)
                .union(streams.policies().map(p -> p.policyId()).returns(Types.STRING));

        // The job runs as in production, unbounded; it stops once its output is complete and committed.
        List<String> processed = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> letters;
        String deadLetterTopic = config.get(io.arrears.config.ArrearsOptions.TOPIC_DEADLETTER);
        try (var running = goodIds.executeAndCollect("dead-letters")) {
            while (processed.size() < expectedGood.size() && running.hasNext()) {
                processed.add(running.next());
            }
            letters = KafkaTestClient.consume(config, deadLetterTopic, poisonByCoordinates.size(),
                    Duration.ofSeconds(60));
        }

        assertThat(processed).containsExactlyInAnyOrderElementsOf(expectedGood);

        Map<String, Long> countedByTopic = new HashMap<>();
        metrics.getMetricsByGroup().forEach((group, byName) -> {
            if (byName.get("deadLetters") instanceof Counter counter) {
                countedByTopic.merge(group.getAllVariables().get("<topic>"), counter.getCount(), Long::sum);
            }
        });
        Map<String, Long> expectedCounts = new HashMap<>();
        for (EventStream stream : EventStream.values()) {
            expectedCounts.put(config.topic(stream), 7L);
        }
        assertThat(countedByTopic).isEqualTo(expectedCounts);

        var decoder = RegistryAvro.deserializer(DeadLetter.class, config.registry());
        Map<String, DeadLetter> lettersByCoordinates = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : letters) {
            DeadLetter letter = decoder.deserialize(record.value());
            String coordinates = letter.getSourceTopic() + "/" + letter.getPartition() + "/" + letter.getOffset();
            assertThat(lettersByCoordinates.put(coordinates, letter)).as("duplicate dead letter for %s", coordinates)
                    .isNull();
            assertThat(record.key()).isEqualTo("C1".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(lettersByCoordinates.keySet()).containsExactlyInAnyOrderElementsOf(poisonByCoordinates.keySet());
        lettersByCoordinates.forEach((coordinates, letter) -> {
            Poison poison = poisonByKey.get(coordinates);
            assertThat(letter.getError()).as(poison.description()).contains(poison.expectedReason());
            assertThat(letter.getReasonCode()).as(poison.description()).isEqualTo(poison.reasonCode());
            assertThat(letter.getValueLength()).as(poison.description()).isEqualTo(poison.value().length);
            assertThat(letter.getValueSha256()).isEqualTo(io.arrears.ingest.DeadLetter.sha256(poison.value()));
            byte[] kept = poison.value().length <= io.arrears.ingest.DeadLetter.MAX_COPIED_BYTES ? poison.value()
                    : java.util.Arrays.copyOf(poison.value(), io.arrears.ingest.DeadLetter.MAX_COPIED_BYTES);
            assertThat(bytes(letter.getValue())).as(poison.description()).isEqualTo(kept);
            assertThat(bytes(letter.getKey())).isEqualTo("C1".getBytes(StandardCharsets.UTF_8));
        });
    }

    /**
     * Seven kinds of poison per topic: four broken encodings, a schema id of a JSON Schema, a record over the size
     * limit (with a valid header) and one record that breaks the event contract.
     */
    private static List<Poison> poisons(EventStream stream, ArrearsConfig config, int jsonSchemaId)
            throws Exception {
        String topic = config.topic(stream);
        byte[] valid = serialize(AvroSamples.validInput(stream, 999), topic, config);
        byte[] truncated = java.util.Arrays.copyOf(valid, 5 + (valid.length - 5) / 2);
        ByteArrayOutputStream unknownId = new ByteArrayOutputStream();
        unknownId.write(0);
        unknownId.writeBytes(ByteBuffer.allocate(4).putInt(987_654_321).array());
        unknownId.writeBytes(new byte[] {2, 'x'});
        byte[] jsonSchema = ByteBuffer.allocate(7).put((byte) 0).putInt(jsonSchemaId).put((byte) '{')
                .put((byte) '}').array();
        byte[] oversized = java.util.Arrays.copyOf(valid, 200_000);
        return List.of(
                new Poison("JSON instead of Avro", "{\"customerId\":\"C1\"}".getBytes(StandardCharsets.UTF_8),
                        "unknown magic byte 0x7b", "DECODE"),
                new Poison("id cut short", new byte[] {0, 0, 1}, "ends inside the 4-byte schema id", "DECODE"),
                new Poison("unknown schema id", unknownId.toByteArray(),
                        "schema id 987654321 is not in the schema registry", "SCHEMA"),
                new Poison("a JSON Schema's id", jsonSchema, "schema id " + jsonSchemaId + " is not an Avro schema",
                        "SCHEMA"),
                new Poison("truncated body", truncated, "corrupt Avro body", "DECODE"),
                new Poison("over ingest.max-record-bytes", oversized, "record of 200002 bytes (key and value) is "
                        + "larger than ingest.max-record-bytes (" + MAX_RECORD_BYTES + ")", "LIMIT"),
                contractViolation(stream, topic, config));
    }

    private static Poison contractViolation(EventStream stream, String topic, ArrearsConfig config) throws Exception {
        SpecificRecord bad;
        String reason;
        switch (stream) {
            case CUSTOMERS -> {
                CustomerUpdated c = AvroSamples.customer(500);
                c.setCustomerId("");
                bad = c;
                reason = "CustomerUpdated.customerId is required";
            }
            case INVOICES -> {
                InvoiceEvent i = AvroSamples.invoice(500);
                i.setAmount(new BigDecimal("-5.00"));
                bad = i;
                reason = "InvoiceEvent.amount must not be negative, was -5.00";
            }
            case PAYMENTS -> {
                PaymentEvent p = AvroSamples.payment(500);
                p.setAmount(new BigDecimal("10.00"));
                bad = p;
                reason = "PaymentEvent.allocations add up to 1000.00, more than the amount 10.00";
            }
            case DISPUTES -> {
                DisputeEvent d = AvroSamples.dispute(500);
                d.setEventType(DisputeEventType.RESOLVED);
                bad = d;
                reason = "DisputeEvent.resolution is required for RESOLVED";
            }
            case ACTIVITIES -> {
                CollectionActivity a = AvroSamples.activity(500);
                a.setPromisedDate(null);
                bad = a;
                reason = "CollectionActivity.promisedDate is required for PROMISE_TO_PAY";
            }
            case POLICIES -> {
                CollectionPolicy p = AvroSamples.policy(500);
                p.setOverdueStageDays(List.of(30, 1, 60));
                bad = p;
                reason = "CollectionPolicy.overdueStageDays must be strictly ascending";
            }
            default -> throw new IllegalStateException(stream.name());
        }
        return new Poison("contract violation", serialize(bad, topic, config), reason, "CONTRACT");
    }

    /** A JSON Schema in the registry (which takes other kinds than Avro): its id, which no Avro reader can use. */
    private static int registerJsonSchema(ArrearsConfig config) throws Exception {
        String url = config.registry().urlList().get(0) + "/subjects/" + config.topic(EventStream.INVOICES)
                + "-json/versions";
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"schemaType\":\"JSON\",\"schema\":\"{\\\"$schema\\\":"
                                + "\\\"http://json-schema.org/draft-07/schema#\\\",\\\"type\\\":\\\"object\\\"}\"}"))
                .build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("id").asInt();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] serialize(SpecificRecord record, String topic, ArrearsConfig config) {
        return RegistryAvro.serializer((Class) record.getClass(), topic, config.registry()).serialize(record);
    }

    private static String idOf(SpecificRecord record) {
        return record instanceof CollectionPolicy policy ? policy.getPolicyId()
                : String.valueOf(record.get(record.getSchema().getField("eventId").pos()));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
