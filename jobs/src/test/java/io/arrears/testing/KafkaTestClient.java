package io.arrears.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;

/** Raw byte-level producing and consuming against the real broker. */
public final class KafkaTestClient {

    private KafkaTestClient() {
    }

    public static RecordMetadata produce(ArrearsConfig config, String topic, String key, byte[] value)
            throws Exception {
        return produce(config, topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** Sends the records in one producer; returns where each landed, in order. */
    public static List<RecordMetadata> produceTogether(ArrearsConfig config,
                                                       List<ProducerRecord<byte[], byte[]>> records)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(config)) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                sent.add(producer.send(record));
            }
            List<RecordMetadata> landed = new ArrayList<>();
            for (java.util.concurrent.Future<RecordMetadata> result : sent) {
                landed.add(result.get(30, TimeUnit.SECONDS));
            }
            return landed;
        }
    }

    public static RecordMetadata produce(ArrearsConfig config, String topic, byte[] key, byte[] value)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(config)) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(ArrearsConfig config) {
        Properties properties = config.kafkaProperties();
        properties.put("bootstrap.servers", config.get(ArrearsOptions.KAFKA_BOOTSTRAP_SERVERS));
        properties.put("acks", "all");
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads committed records from the start until {@code expected} have come or the timeout passes. */
    public static List<ConsumerRecord<byte[], byte[]>> consume(ArrearsConfig config, String topic, int expected,
                                                                Duration timeout) {
        Properties properties = config.kafkaProperties();
        properties.put("bootstrap.servers", config.get(ArrearsOptions.KAFKA_BOOTSTRAP_SERVERS));
        properties.put("group.id", "test-reader-" + System.nanoTime());
        properties.put("auto.offset.reset", "earliest");
        properties.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // A short extra poll shows records beyond the expected count, which tests must see as failures.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
