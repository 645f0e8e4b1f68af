package io.arrears.cli.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.events.Alert;
import io.arrears.events.AlertStatus;
import io.arrears.events.AlertType;
import io.arrears.io.elasticsearch.ElasticsearchSettings;
import io.arrears.io.registry.RegistryAvro;

/**
 * Watches where collectors and dashboards see alerts: ar.alerts read as its consumers read it (read_committed)
 * and the alerts index as a search finds it. For each probe (a reversed payment) it keeps the wall-clock time
 * its PAYMENT_REVERSED alert was first seen in each place.
 */
final class AlertWatch implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);

    private final ArrearsConfig config;
    private final Map<String, Long> probes;
    private final Map<String, Long> seenOnKafka = new ConcurrentHashMap<>();
    private final Map<String, Long> seenInElasticsearch = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running = true;
    private volatile Exception failure;

    /** @param probes payment ids of the probes sent, to the time each was sent; filled while this watches */
    AlertWatch(ArrearsConfig config, Map<String, Long> probes) {
        this.config = config;
        this.probes = probes;
        threads.add(new Thread(this::readKafka, "benchmark-alerts-kafka"));
        threads.add(new Thread(this::searchElasticsearch, "benchmark-alerts-elasticsearch"));
        threads.forEach(Thread::start);
    }

    Map<String, Long> seenOnKafka() {
        return seenOnKafka;
    }

    Map<String, Long> seenInElasticsearch() {
        return seenInElasticsearch;
    }

    /** Whether every probe sent so far was seen in both places. */
    boolean allSeen() {
        return seenOnKafka.keySet().containsAll(probes.keySet())
                && seenInElasticsearch.keySet().containsAll(probes.keySet());
    }

    private void readKafka() {
        Properties properties = config.kafkaProperties();
        properties.put("bootstrap.servers", config.get(ArrearsOptions.KAFKA_BOOTSTRAP_SERVERS));
        properties.put("group.id", "benchmark-watch-" + System.nanoTime());
        properties.put("auto.offset.reset", "earliest");
        properties.put("isolation.level", "read_committed");
        var decoder = RegistryAvro.deserializer(Alert.class, config.registry());
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            this.consumer = consumer;
            consumer.subscribe(List.of(config.get(ArrearsOptions.TOPIC_ALERTS)));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    long now = System.currentTimeMillis();
                    Alert alert = decoder.deserialize(record.value());
                    if (alert.getAlertType() == AlertType.PAYMENT_REVERSED && alert.getStatus() == AlertStatus.OPEN
                            && alert.getPaymentId() != null) {
                        seenOnKafka.putIfAbsent(alert.getPaymentId(), now);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException stopped) {
            // closed
        } catch (Exception e) {
            if (running) {
                failure = e;
            }
        }
    }

    private void searchElasticsearch() {
        String index = config.get(ArrearsOptions.INDEX_ALERTS);
        try (RestClient client = ElasticsearchSettings.from(config).newRestClient()) {
            while (running) {
                List<String> waiting = probes.keySet().stream().filter(id -> !seenInElasticsearch.containsKey(id))
                        .limit(1000).toList();
                if (!waiting.isEmpty()) {
                    for (String paymentId : found(client, index, waiting)) {
                        seenInElasticsearch.putIfAbsent(paymentId, System.currentTimeMillis());
                    }
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (running) {
                failure = e;
            }
        }
    }

    private static List<String> found(RestClient client, String index, List<String> paymentIds) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", paymentIds.size());
        body.putArray("_source").add("paymentId");
        ArrayNode filters = body.putObject("query").putObject("bool").putArray("filter");
        filters.addObject().putObject("term").put("alertType", AlertType.PAYMENT_REVERSED.name());
        ArrayNode ids = filters.addObject().putObject("terms").putArray("paymentId");
        paymentIds.forEach(ids::add);
        Request request = new Request("POST", "/" + index + "/_search");
        request.setJsonEntity(body.toString());
        JsonNode hits;
        try {
            hits = JSON.readTree(client.performRequest(request).getEntity().getContent()).at("/hits/hits");
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 404 || status == 503) {
                return List.of(); // nothing written yet, or the new index's shard not started yet
            }
            throw e;
        }
        List<String> found = new ArrayList<>();
        hits.forEach(hit -> found.add(hit.at("/_source/paymentId").asText()));
        return found;
    }

    /** Null while both watchers work. */
    Exception failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        KafkaConsumer<byte[], byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }
}
