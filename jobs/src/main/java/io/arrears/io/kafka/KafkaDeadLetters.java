package io.arrears.io.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.ingest.DeadLetter;
import io.arrears.io.elasticsearch.RefusedDocuments;

/**
 * Documents Elasticsearch refused, as dead letters on the dead-letter topic, written by a plain idempotent
 * producer: the sink keeps a document owed until the broker has acknowledged its letter (at-least-once, as the
 * Elasticsearch sink itself), whatever the job's delivery guarantee for its own topics.
 */
public final class KafkaDeadLetters implements RefusedDocuments {

    private static final long serialVersionUID = 1L;

    private final Properties producer;
    private final DeadLetterSerializer serializer;

    private KafkaDeadLetters(Properties producer, DeadLetterSerializer serializer) {
        this.producer = producer;
        this.serializer = serializer;
    }

    public static KafkaDeadLetters of(ArrearsConfig config) {
        Properties producer = config.kafkaProperties();
        producer.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(ArrearsOptions.KAFKA_BOOTSTRAP_SERVERS));
        producer.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        producer.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaDeadLetters(producer, new DeadLetterSerializer(config.get(ArrearsOptions.TOPIC_DEADLETTER),
                config.registry()));
    }

    @Override
    public Outlet open(WriterInitContext context) throws Exception {
        serializer.open(context.asSerializationSchemaInitializationContext(), null);
        KafkaProducer<byte[], byte[]> kafka = new KafkaProducer<>(producer, new ByteArraySerializer(),
                new ByteArraySerializer());
        return new Outlet() {
            @Override
            public CompletableFuture<Void> send(List<DeadLetter> letters) {
                List<CompletableFuture<Void>> sent = new ArrayList<>();
                for (DeadLetter letter : letters) {
                    CompletableFuture<Void> acknowledged = new CompletableFuture<>();
                    kafka.send(serializer.serialize(letter, null, null), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.complete(null);
                        } else {
                            acknowledged.completeExceptionally(error);
                        }
                    });
                    sent.add(acknowledged);
                }
                return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
            }

            @Override
            public void close() {
                kafka.close();
            }
        };
    }
}
