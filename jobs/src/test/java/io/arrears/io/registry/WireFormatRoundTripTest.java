package io.arrears.io.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.arrears.config.ArrearsConfig;
import io.arrears.events.InvoiceEvent;
import io.arrears.ingest.EventStream;
import io.arrears.ingest.Ingested;
import io.arrears.io.kafka.KafkaEventDeserializer;
import io.arrears.testing.AvroSamples;
import io.arrears.testing.KafkaTestClient;
import io.arrears.testing.RealServices;

/** The registry wire format against the real Kafka broker and the real (Apicurio) registry. */
class WireFormatRoundTripTest {

    static Stream<Arguments> everyTopic() {
        return Stream.of(
                Arguments.of("customers", AvroSamples.customer(1)),
                Arguments.of("invoices", AvroSamples.invoice(1)),
                Arguments.of("payments", AvroSamples.payment(1)),
                Arguments.of("disputes", AvroSamples.dispute(1)),
                Arguments.of("activities", AvroSamples.activity(1)),
                Arguments.of("policies", AvroSamples.policy(1)),
                Arguments.of("alerts", AvroSamples.alert(1)),
                Arguments.of("deadletter", AvroSamples.deadLetter(1)));
    }

    @ParameterizedTest(name = "ar.{0}")
    @MethodSource("everyTopic")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aRecordProducedInTheRegistryFramingIsConsumedIntoTheGeneratedClass(String name, SpecificRecord record)
            throws Exception {
        ArrearsConfig config = RealServices.freshTopics("roundtrip", Map.of());
        String topic = config.get(ConfigOptions.key("topic." + name).stringType().noDefaultValue());
        Class<SpecificRecord> type = (Class<SpecificRecord>) record.getClass();

        var serializer = RegistryAvro.serializer(type, topic, config.registry());
        byte[] bytes = serializer.serialize(record);
        KafkaTestClient.produce(config, topic, "C1", bytes);

        List<ConsumerRecord<byte[], byte[]>> consumed = KafkaTestClient.consume(config, topic, 1, Duration.ofSeconds(30));
        assertThat(consumed).hasSize(1);
        byte[] value = consumed.get(0).value();
        assertThat(value[0]).as("magic byte").isEqualTo((byte) 0);
        var deserializer = RegistryAvro.deserializer(type, config.registry());
        assertThat(deserializer.deserialize(value)).isEqualTo(record);

        var client = config.registry().newClient();
        assertThat(client.getAllSubjects()).contains(topic + "-value");
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        assertThat(client.getSchemaById(id).canonicalString())
                .isEqualTo(new org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry
                        .avro.AvroSchema(record.getSchema().toString()).canonicalString());
    }

    @Test
    void aRecordWrittenWithAnOlderCompatibleSchemaStillDecodes() throws Exception {
        ArrearsConfig config = RealServices.freshTopics("older", Map.of());
        String topic = config.topic(EventStream.INVOICES);
        // Version 1 of the contract had no poNumber; the current one added it with a default, which BACKWARD allows.
        Schema v1 = withoutField(InvoiceEvent.getClassSchema(), "poNumber");
        InvoiceEvent current = AvroSamples.invoice(7);
        // As an old producer wrote it, in Avro's raw representation of the logical types.
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", current.getEventId());
        old.put("eventType", new GenericData.EnumSymbol(v1.getField("eventType").schema(), "ISSUED"));
        old.put("invoiceId", current.getInvoiceId());
        old.put("customerId", current.getCustomerId());
        old.put("amount", ByteBuffer.wrap(current.getAmount().unscaledValue().toByteArray()));
        old.put("currency", current.getCurrency());
        old.put("issueDate", (int) current.getIssueDate().toEpochDay());
        old.put("dueDate", (int) current.getDueDate().toEpochDay());
        old.put("eventTime", current.getEventTime().toEpochMilli());
        var oldWriter = RegistryAvro.genericSerializer(v1, topic, config.registry());
        byte[] oldBytes = oldWriter.serialize(old);

        var coder = new ConfluentSchemaCoder(config.registry().newClient(), topic + "-value");
        int v2 = coder.register(InvoiceEvent.getClassSchema());
        assertThat(v2).isNotEqualTo(ByteBuffer.wrap(oldBytes, 1, 4).getInt());

        KafkaTestClient.produce(config, topic, "C1", oldBytes);
        ConsumerRecord<byte[], byte[]> consumed =
                KafkaTestClient.consume(config, topic, 1, Duration.ofSeconds(30)).get(0);

        var deserializer = RegistryAvro.deserializer(InvoiceEvent.class, config.registry());
        InvoiceEvent decoded = deserializer.deserialize(consumed.value());
        assertThat(decoded.getPoNumber()).isNull();
        assertThat(decoded.getInvoiceId()).isEqualTo(current.getInvoiceId());
        assertThat(decoded.getAmount()).isEqualByComparingTo(current.getAmount());
        assertThat(decoded.getDueDate()).isEqualTo(current.getDueDate());

        List<Ingested> viaJobPath = new ArrayList<>();
        new KafkaEventDeserializer(EventStream.INVOICES, config.registry(), config.eventMapper())
                .deserialize(consumed, new ListCollector<>(viaJobPath));
        assertThat(viaJobPath).hasSize(1);
        assertThat(viaJobPath.get(0).deadLetter()).isNull();
        assertThat(viaJobPath.get(0).event().invoice().amountCents()).isEqualTo(125040L);
        assertThat(viaJobPath.get(0).event().invoice().poNumber()).isNull();
    }

    @Test
    void anIncompatibleSchemaChangeIsRefusedByTheRegistry() throws Exception {
        ArrearsConfig config = RealServices.freshTopics("incompatible", Map.of());
        String subject = config.topic(EventStream.INVOICES) + "-value";
        var coder = new ConfluentSchemaCoder(config.registry().newClient(), subject);
        coder.register(InvoiceEvent.getClassSchema());

        // A new required field without a default: the new schema cannot read records already written.
        Schema breaking = withExtraRequiredField(InvoiceEvent.getClassSchema(), "taxCode");
        assertThatThrownBy(() -> coder.register(breaking))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("not compatible")
                .satisfies(e -> assertThat(((IncompatibleSchemaException) e).status()).isEqualTo(409));
    }

    @Test
    void parallelWritersRegisteringTheSameNewSchemaAllGetItsId() throws Exception {
        ArrearsConfig config = RealServices.freshTopics("race", Map.of());
        String subject = config.get(io.arrears.config.ArrearsOptions.TOPIC_ALERTS) + "-value";
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                ConfluentSchemaCoder coder = new ConfluentSchemaCoder(config.registry().newClient(), subject);
                ids.add(pool.submit(() -> {
                    start.await();
                    return coder.register(io.arrears.events.Alert.getClassSchema());
                }));
            }
            start.countDown();
            Set<Integer> distinct = new HashSet<>();
            for (Future<Integer> id : ids) {
                distinct.add(id.get(60, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Schema withoutField(Schema schema, String dropped) {
        List<Schema.Field> fields = schema.getFields().stream()
                .filter(f -> !f.name().equals(dropped))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static Schema withExtraRequiredField(Schema schema, String added) {
        List<Schema.Field> fields = new java.util.ArrayList<>(schema.getFields().stream()
                .map(f -> new Schema.Field(f, f.schema())).toList());
        fields.add(new Schema.Field(added, SchemaBuilder.builder().stringType(), "added without a default"));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
