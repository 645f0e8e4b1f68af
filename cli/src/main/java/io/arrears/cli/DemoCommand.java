package io.arrears.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arrears.CollectionsJob;
import io.arrears.NotificationsJob;
import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.generator.HistoryGenerator;
import io.arrears.io.elasticsearch.ElasticsearchSettings;
import io.arrears.io.kafka.EventProducer;
import io.arrears.io.kafka.KafkaTopics;
import io.arrears.pipeline.JobEnvironment;
import io.arrears.stack.LocalStack;
import io.arrears.stack.LocalStackMain;
import io.arrears.stack.Service;

/**
 * The whole system on one machine: the local stack, the topics, the generator producing a history and then
 * live events, and the collections job on an embedded Flink with RocksDB; progress every few seconds.
 */
final class DemoCommand implements Arrears.Command {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    @Override
    public String summary() {
        return "everything on this machine, live, until Ctrl-C [--customers N] [--days D] [--rate R]";
    }

    @Override
    public int run(String[] args) throws Exception {
        CommandOptions options = new CommandOptions(args, Set.of("customers", "days", "rate", "seed"), Set.of());
        int customers = options.intValue("customers", 300);
        int days = options.intValue("days", 120);
        double rate = options.doubleValue("rate", 2.0);

        System.out.println("Starting the local stack (Kafka, schema registry, Elasticsearch); this takes about "
                + "half a minute...");
        LocalStack stack = LocalStack.builder().start(EnumSet.allOf(Service.class));
        ArrearsConfig config = options.config(Map.of(
                "kafka.bootstrap-servers", stack.kafkaBootstrapServers(),
                "registry.url", stack.schemaRegistryUrl(),
                "elasticsearch.hosts", stack.elasticsearchUrl(),
                "kafka.starting-offsets", "EARLIEST"));
        KafkaTopics.createMissing(config, 2, (short) 1);

        AtomicBoolean running = new AtomicBoolean(true);
        EventProducer producer = new EventProducer(config);
        Instant now = Instant.now();
        HistoryGenerator generator = new HistoryGenerator(options.intValue("seed", 42), customers,
                now.minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.DAYS), now, rate);
        Thread generating = new Thread(() -> {
            try {
                generator.generateLive(producer, running::get);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.err.println("The generator stopped: " + e.getMessage());
            }
        }, "generator");
        generating.start();

        Path checkpoints = Files.createDirectories(Path.of(System.getProperty("arrears.stack.workdir", ".arrears"))
                .resolveSibling("demo-checkpoints").resolve(String.valueOf(ProcessHandle.current().pid())));
        StreamExecutionEnvironment env = JobEnvironment.local(checkpoints, Duration.ofSeconds(5), 2);
        CollectionsJob.build(env, config);
        JobClient job = env.executeAsync("arrears-collections");

        // The notifications job beside it, delivering to a local inbox that prints what each collector receives:
        // critical alerts at once, the rest as a digest every minute.
        DemoInbox inbox = new DemoInbox(System.out);
        Path routing = checkpoints.resolve("notification-routing.json");
        Files.writeString(routing, demoRouting(inbox));
        ArrearsConfig notifyConfig = options.config(Map.of(
                "kafka.bootstrap-servers", stack.kafkaBootstrapServers(),
                "registry.url", stack.schemaRegistryUrl(),
                "notify.routing-file", routing.toString(),
                "notify.digest-interval", "1 min",
                "notify.dashboard-url", "http://localhost:3000/d/arrears-customer?var-customer={customer}"));
        StreamExecutionEnvironment notifyEnv = JobEnvironment.local(checkpoints.resolve("notifications"),
                Duration.ofSeconds(5), 1);
        NotificationsJob.build(notifyEnv, notifyConfig);
        JobClient notifications = notifyEnv.executeAsync("arrears-notifications");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping: generator, job, local stack...");
            running.set(false);
            try {
                generating.join(5_000);
                producer.close();
                job.cancel().get(30, TimeUnit.SECONDS);
                notifications.cancel().get(30, TimeUnit.SECONDS);
                inbox.close();
            } catch (Exception e) {
                System.err.println("Stopping the job: " + e.getMessage());
            }
            stack.close();
            stopped.countDown();
        }, "demo-shutdown"));

        printWhereToLook(stack, config, customers, days, rate);
        try (RestClient elasticsearch = ElasticsearchSettings.from(config).newRestClient()) {
            long lastSent = 0;
            while (stopped.getCount() > 0) {
                if (stopped.await(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS) || !running.get()) {
                    break;
                }
                long sent = producer.sent();
                System.out.println(progress(elasticsearch, config, sent, (sent - lastSent) / PROGRESS_EVERY.toSeconds()));
                lastSent = sent;
            }
        }
        return 0;
    }

    /** Each generated collector (col-1 .. col-5) a path of its own; customers without one go to /team. */
    private static String demoRouting(DemoInbox inbox) {
        StringBuilder collectors = new StringBuilder();
        for (int n = 1; n <= 5; n++) {
            collectors.append(n > 1 ? "," : "").append("\"col-").append(n).append("\": [{\"webhook\": \"")
                    .append(inbox.url("/col-" + n)).append("\"}]");
        }
        return "{\"collectors\": {" + collectors + "}, \"fallback\": [{\"webhook\": \"" + inbox.url("/team")
                + "\"}]}";
    }

    private static void printWhereToLook(LocalStack stack, ArrearsConfig config, int customers, int days,
                                         double rate) {
        String es = stack.elasticsearchUrl();
        System.out.println(LocalStackMain.describe(stack));
        System.out.printf("Generator: %d customers, %d days of history, then live with %.1f new invoices/s.%n",
                customers, days, rate);
        System.out.println("The collections job runs on an embedded Flink (RocksDB, checkpoints every 5 s); the "
                + "notifications job beside it prints what each collector receives (\"notification to /col-N\").");
        System.out.println("Ready queries:");
        System.out.println("  curl -s '" + es + "/" + config.get(ArrearsOptions.INDEX_ALERTS)
                + "/_search?q=status:OPEN&sort=severityRank:desc,amount:desc&size=5&pretty'   # most urgent open alerts");
        System.out.println("  curl -s '" + es + "/" + config.get(ArrearsOptions.INDEX_CUSTOMERS)
                + "/_search?sort=pastDueAmount:desc&size=5&pretty'   # customers with the most past due");
        System.out.println("  curl -s '" + es + "/" + config.get(ArrearsOptions.INDEX_CUSTOMERS)
                + "/_doc/C00001?pretty'   # one customer's position");
        System.out.println("Press Ctrl-C to stop everything.");
    }

    private static String progress(RestClient elasticsearch, ArrearsConfig config, long sent, long perSecond) {
        String time = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_TIME);
        StringBuilder line = new StringBuilder(String.format("%s  events %,d (%,d/s)", time, sent, perSecond));
        try {
            JsonNode customers = search(elasticsearch, config.get(ArrearsOptions.INDEX_CUSTOMERS),
                    "{\"size\":0,\"track_total_hits\":true,\"aggs\":{\"ar\":{\"sum\":{\"field\":\"arTotal\"}},"
                            + "\"pastDue\":{\"sum\":{\"field\":\"pastDueAmount\"}}}}");
            JsonNode alerts = search(elasticsearch, config.get(ArrearsOptions.INDEX_ALERTS),
                    "{\"size\":0,\"track_total_hits\":true,\"query\":{\"term\":{\"status\":\"OPEN\"}},"
                            + "\"aggs\":{\"byType\":{\"terms\":{\"field\":\"alertType\",\"size\":20}}}}");
            if (customers != null) {
                line.append(String.format("  customers %,d  open AR %,.2f (past due %,.2f; currencies not converted)",
                        customers.at("/hits/total/value").asLong(), customers.at("/aggregations/ar/value").asDouble(),
                        customers.at("/aggregations/pastDue/value").asDouble()));
            }
            if (alerts != null) {
                line.append(String.format("  open alerts %,d", alerts.at("/hits/total/value").asLong()));
                for (JsonNode bucket : alerts.at("/aggregations/byType/buckets")) {
                    line.append(String.format(" %s=%,d", bucket.get("key").asText(), bucket.get("doc_count").asLong()));
                }
            }
        } catch (Exception e) {
            line.append("  (Elasticsearch not answering yet: ").append(e.getMessage()).append(')');
        }
        return line.toString();
    }

    private static JsonNode search(RestClient client, String index, String body) throws Exception {
        Request request = new Request("POST", "/" + index + "/_search");
        request.setJsonEntity(body);
        try {
            return JSON.readTree(client.performRequest(request).getEntity().getContent());
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null; // nothing written yet
            }
            throw e;
        }
    }
}
