package io.arrears.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

/**
 * Every option of the Arrears jobs, with its default and description: the one place they are defined.
 * docs/configuration.md is generated from this class ({@link ConfigurationDocs}) and a test keeps it in step.
 */
public final class ArrearsOptions {

    /** Any Kafka client setting, passed to every consumer, producer and admin client with this prefix removed. */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = key("kafka.bootstrap-servers")
            .stringType().defaultValue("localhost:9092")
            .withDescription("Kafka bootstrap servers, comma-separated host:port pairs.");

    public static final ConfigOption<String> KAFKA_GROUP_ID = key("kafka.group-id")
            .stringType().defaultValue("arrears-collections")
            .withDescription("Consumer group id. Flink keeps offsets in its checkpoints; the group only records "
                    + "progress for monitoring and for a start without a checkpoint.");

    public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS = key("kafka.starting-offsets")
            .enumType(StartingOffsets.class).defaultValue(StartingOffsets.COMMITTED)
            .withDescription("Where to start reading when the job starts without a checkpoint or savepoint: "
                    + "COMMITTED (the group's committed offsets, else the earliest), EARLIEST (re-process all "
                    + "retained history) or LATEST (only new events).");

    public static final ConfigOption<DeliveryMode> KAFKA_DELIVERY = key("kafka.delivery")
            .enumType(DeliveryMode.class).defaultValue(DeliveryMode.EXACTLY_ONCE)
            .withDescription("Delivery to the output topics (ar.alerts, ar.deadletter). EXACTLY_ONCE writes "
                    + "in Kafka transactions committed at each checkpoint: consumers reading read_committed see "
                    + "each record once, but only after the checkpoint completes. AT_LEAST_ONCE makes records "
                    + "visible at once and may repeat some after a failure.");

    public static final ConfigOption<String> KAFKA_TRANSACTIONAL_ID_PREFIX = key("kafka.transactional-id-prefix")
            .stringType().defaultValue("arrears-collections")
            .withDescription("Prefix of the Kafka transactional ids (EXACTLY_ONCE). Must be unique per job on "
                    + "the cluster.");

    public static final ConfigOption<Duration> KAFKA_TRANSACTION_TIMEOUT = key("kafka.transaction-timeout")
            .durationType().defaultValue(Duration.ofMinutes(15))
            .withDescription("Kafka transaction timeout (EXACTLY_ONCE). A job does not start unless it is at "
                    + "least the checkpoint interval plus the checkpoint timeout plus 1 min, so that a "
                    + "transaction outlives the checkpoint that commits it; it must stay within the brokers' "
                    + "transaction.max.timeout.ms (15 min by default).");

    public static final ConfigOption<String> TOPIC_CUSTOMERS = topic("customers", "ar.customers",
            "Customer master data (CustomerUpdated).");
    public static final ConfigOption<String> TOPIC_INVOICES = topic("invoices", "ar.invoices",
            "Invoice events (InvoiceEvent).");
    public static final ConfigOption<String> TOPIC_PAYMENTS = topic("payments", "ar.payments",
            "Payment events (PaymentEvent).");
    public static final ConfigOption<String> TOPIC_DISPUTES = topic("disputes", "ar.disputes",
            "Dispute events (DisputeEvent).");
    public static final ConfigOption<String> TOPIC_ACTIVITIES = topic("activities", "ar.activities",
            "Collection activities (CollectionActivity).");
    public static final ConfigOption<String> TOPIC_POLICIES = topic("policies", "ar.policies",
            "Collection policies (CollectionPolicy), a compacted topic keyed by segment.");
    public static final ConfigOption<String> TOPIC_ALERTS = topic("alerts", "ar.alerts",
            "Output: alert transitions (Alert).");
    public static final ConfigOption<String> TOPIC_DEADLETTER = topic("deadletter", "ar.deadletter",
            "Output: input records that could not be used (DeadLetter), with the reason.");

    public static final ConfigOption<Boolean> SECURITY_ALLOW_PLAINTEXT_CREDENTIALS =
            key("security.allow-plaintext-credentials").booleanType().defaultValue(false)
            .withDescription("Allow credentials (registry, Elasticsearch, Kafka SASL, SMTP) to travel unencrypted: "
                    + "over http://, Kafka SASL_PLAINTEXT or SMTP without TLS. Off, such a configuration fails at "
                    + "start, naming the option; on only for a local test stack.");

    public static final ConfigOption<String> REGISTRY_URL = key("registry.url")
            .stringType().defaultValue("http://localhost:8081")
            .withDescription("Base URL of the Confluent-compatible schema registry API; several, "
                    + "comma-separated, for failover. For Apicurio use its /apis/ccompat/v7 path.");

    public static final ConfigOption<String> REGISTRY_BASIC_AUTH_USER_INFO = key("registry.basic-auth.user-info")
            .stringType().noDefaultValue()
            .withDescription("\"user:password\" for HTTP basic authentication to the registry. Secret: never "
                    + "logged.");

    public static final ConfigOption<String> REGISTRY_BEARER_TOKEN = key("registry.bearer-token")
            .stringType().noDefaultValue()
            .withDescription("A static bearer token for the registry. Secret: never logged.");

    public static final ConfigOption<String> REGISTRY_TRUSTSTORE_LOCATION = key("registry.ssl.truststore.location")
            .stringType().noDefaultValue()
            .withDescription("Trust store for an https registry whose certificate the JVM does not trust by "
                    + "default (a private CA).");

    public static final ConfigOption<String> REGISTRY_TRUSTSTORE_PASSWORD = key("registry.ssl.truststore.password")
            .stringType().noDefaultValue()
            .withDescription("Password of the trust store. Secret: never logged.");

    public static final ConfigOption<String> REGISTRY_TRUSTSTORE_TYPE = key("registry.ssl.truststore.type")
            .stringType().defaultValue("JKS")
            .withDescription("Type of the trust store: JKS or PKCS12.");

    public static final ConfigOption<Integer> REGISTRY_CACHE_CAPACITY = key("registry.cache-capacity")
            .intType().defaultValue(1000)
            .withDescription("Schemas cached per registry client.");

    public static final ConfigOption<Duration> SOURCE_MAX_OUT_OF_ORDERNESS = key("source.max-out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("How far behind the newest event of a Kafka partition an event may arrive and still "
                    + "be on time. Business time (the watermark) trails the newest event by this much, so every "
                    + "alert waits at least this long; an event later than this still counts, at the business "
                    + "time it arrives (docs/ledger.md, \"The business clock\").");

    public static final ConfigOption<Duration> SOURCE_IDLE_TIMEOUT = key("source.idle-timeout")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("A partition without events for this long no longer holds business time back.");

    public static final ConfigOption<String> TIME_ZONE = key("time.zone")
            .stringType().defaultValue("UTC")
            .withDescription("Business time zone (an IANA zone id such as Europe/Berlin). Days past due, the "
                    + "start of a day for overdue stages and aging are counted in it.");

    public static final ConfigOption<Duration> CLOCK_TICK_INTERVAL = key("clock.tick-interval")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("How often the wall clock advances business time when the input topics are idle "
                    + "(live jobs only). Deadlines fire at most this late when nothing else happens.");

    public static final ConfigOption<MemorySize> INGEST_MAX_RECORD_BYTES = key("ingest.max-record-bytes")
            .memoryType().defaultValue(MemorySize.ofMebiBytes(1))
            .withDescription("The largest input record: a Kafka record's key and value together, or a replay "
                    + "line. A larger one goes to the dead-letter output (reason LIMIT) by its first 64 KiB, "
                    + "length and SHA-256, without being decoded.");

    public static final ConfigOption<Integer> INGEST_MAX_ID_LENGTH = key("ingest.max-id-length")
            .intType().defaultValue(128)
            .withDescription("The most characters of an id (eventId, customerId, invoiceId, paymentId, "
                    + "disputeId, collectorId, policyId, an allocation's invoiceId) and of a segment or region. "
                    + "Ids must also be printable: no control characters.");

    public static final ConfigOption<Integer> INGEST_MAX_TEXT_LENGTH = key("ingest.max-text-length")
            .intType().defaultValue(1000)
            .withDescription("The most characters of free text: a customer's name, an invoice's poNumber.");

    public static final ConfigOption<Integer> INGEST_MAX_ALLOCATIONS = key("ingest.max-allocations")
            .intType().defaultValue(1000)
            .withDescription("The most allocations of one payment.");

    public static final ConfigOption<String> INGEST_MAX_AMOUNT = key("ingest.max-amount")
            .stringType().defaultValue("1000000000000.00")
            .withDescription("The largest amount of any one invoice, payment, allocation, dispute, promise or "
                    + "credit limit, in its own currency (a decimal). At most 10000000000000.00, so that every "
                    + "sum Arrears keeps fits exactly.");

    public static final ConfigOption<Integer> INGEST_MAX_POLICY_STAGES = key("ingest.max-policy-stages")
            .intType().defaultValue(32)
            .withDescription("The most overdue stages of one collection policy.");

    public static final ConfigOption<Duration> INGEST_MAX_EVENT_TIME_AHEAD = key("ingest.max-event-time-ahead")
            .durationType().defaultValue(Duration.ofDays(1))
            .withDescription("How far after the wall clock an event's eventTime may lie (policy versions "
                    + "excepted: they may be dated ahead). A later one goes to the dead-letter output (reason "
                    + "FUTURE): a clock error, or microseconds read as milliseconds, would otherwise move "
                    + "business time to it. Replay applies the same bound: history has no events from the "
                    + "future.");

    public static final ConfigOption<Duration> LEDGER_RETENTION = key("ledger.retention")
            .durationType().defaultValue(Duration.ofDays(180))
            .withDescription("How long closed invoices, settled payments and resolved disputes stay in state "
                    + "(business time), and how long an event naming an invoice or payment not yet known "
                    + "waits for it. A payment reversed later than this cannot re-open the invoices it paid.");

    public static final ConfigOption<Duration> LEDGER_DEDUP_RETENTION = key("ledger.dedup-retention")
            .durationType().defaultValue(Duration.ofDays(7))
            .withDescription("How long event ids are remembered to apply a re-delivered event once, in "
                    + "business time: an event is a re-delivery if one with its id was applied less than this "
                    + "before. (A processing-time TTL of twice this frees the ids of customers that never "
                    + "wake up again.)");

    public static final ConfigOption<Integer> LEDGER_CACHE_CUSTOMERS = key("ledger.cache-customers")
            .intType().defaultValue(2_000)
            .withDescription("How many customers each ledger subtask keeps on the heap, their state read from "
                    + "RocksDB once and written back before each checkpoint (the least recently woken leaves "
                    + "first). An event of a customer on the heap costs no state round trip; one that left reads "
                    + "its state again, which is slower than keeping it. Size it to the customers active within "
                    + "a day of business time, as the task managers' heap allows: in the benchmark's history "
                    + "(180 days of closed items kept) a customer holds about 250 KB of heap. Replay, when it is "
                    + "not given, sizes it from its own heap: half of it at 256 KiB per customer, shared by the "
                    + "subtasks, at least the default.");

    public static final ConfigOption<String> ELASTICSEARCH_HOSTS = key("elasticsearch.hosts")
            .stringType().defaultValue("http://localhost:9200")
            .withDescription("Elasticsearch base URLs, comma-separated (http:// or https://).");

    public static final ConfigOption<String> ELASTICSEARCH_USERNAME = key("elasticsearch.username")
            .stringType().noDefaultValue()
            .withDescription("User for HTTP basic authentication to Elasticsearch.");

    public static final ConfigOption<String> ELASTICSEARCH_PASSWORD = key("elasticsearch.password")
            .stringType().noDefaultValue()
            .withDescription("Password for HTTP basic authentication. Secret: never logged.");

    public static final ConfigOption<String> ELASTICSEARCH_API_KEY = key("elasticsearch.api-key")
            .stringType().noDefaultValue()
            .withDescription("An Elasticsearch API key (the base64 \"encoded\" form); used instead of a user "
                    + "and password. Secret: never logged.");

    public static final ConfigOption<String> ELASTICSEARCH_TRUSTSTORE_LOCATION =
            key("elasticsearch.ssl.truststore.location").stringType().noDefaultValue()
                    .withDescription("Trust store for an https Elasticsearch with a private CA.");

    public static final ConfigOption<String> ELASTICSEARCH_TRUSTSTORE_PASSWORD =
            key("elasticsearch.ssl.truststore.password").stringType().noDefaultValue()
                    .withDescription("Password of the trust store. Secret: never logged.");

    public static final ConfigOption<String> ELASTICSEARCH_TRUSTSTORE_TYPE =
            key("elasticsearch.ssl.truststore.type").stringType().defaultValue("PKCS12")
                    .withDescription("Type of the trust store: PKCS12 or JKS.");

    public static final ConfigOption<String> INDEX_ALERTS = key("elasticsearch.index.alerts")
            .stringType().defaultValue("arrears-alerts")
            .withDescription("Index of current alerts, one document per alert.");

    public static final ConfigOption<String> INDEX_CUSTOMERS = key("elasticsearch.index.customers")
            .stringType().defaultValue("arrears-customers")
            .withDescription("Index of customers' current positions, one document per customer.");

    public static final ConfigOption<String> INDEX_DISPUTES = key("elasticsearch.index.disputes")
            .stringType().defaultValue("arrears-disputes")
            .withDescription("Index with one document per dispute: reason, amount, opened and resolved, SLA state.");

    public static final ConfigOption<String> INDEX_KPIS = key("elasticsearch.index.kpis")
            .stringType().defaultValue("arrears-kpis")
            .withDescription("Index of KPI time series: one document per scope (portfolio, segment, collector) "
                    + "per kpi.interval boundary of business time.");

    public static final ConfigOption<Integer> ELASTICSEARCH_BULK_ACTIONS = key("elasticsearch.bulk.max-actions")
            .intType().defaultValue(1000)
            .withDescription("Documents per bulk request at most.");

    public static final ConfigOption<Integer> ELASTICSEARCH_IN_FLIGHT = key("elasticsearch.bulk.max-in-flight")
            .intType().defaultValue(2)
            .withDescription("Bulk requests in flight per sink subtask at most; further writes wait.");

    public static final ConfigOption<Duration> ELASTICSEARCH_BULK_INTERVAL = key("elasticsearch.bulk.interval")
            .durationType().defaultValue(Duration.ofMillis(500))
            .withDescription("A partly filled bulk request is sent after this long.");

    public static final ConfigOption<MemorySize> ELASTICSEARCH_MAX_PENDING = key("elasticsearch.max-pending")
            .memoryType().defaultValue(MemorySize.ofMebiBytes(64))
            .withDescription("Documents a sink subtask may owe Elasticsearch (waiting or unanswered, newest "
                    + "version per document only) before it holds up its input. While Elasticsearch is slow or "
                    + "down, writes wait here, in memory and in each checkpoint, and the rest of the job (alerts "
                    + "to Kafka, checkpoints) goes on; an outage that touches more documents than this slows the "
                    + "job to Elasticsearch's pace. Elasticsearch failing never fails the job: sending pauses "
                    + "and is tried again (elasticsearch.retry-backoff).");

    public static final ConfigOption<Duration> ELASTICSEARCH_RETRY_BACKOFF = key("elasticsearch.retry-backoff")
            .durationType().defaultValue(Duration.ofMillis(200))
            .withDescription("Pause after a failed bulk request (no answer, 429, 5xx, 401, 403, ...); it doubles "
                    + "with each failure in a row, up to 30 s, and ends with the first success.");

    public static final ConfigOption<Duration> CUSTOMER_FLUSH_INTERVAL = key("sink.customer-flush-interval")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("At most one write per changed customer per interval (wall time): a burst of "
                    + "events for a customer becomes one document update.");

    public static final ConfigOption<Boolean> KPI_ENABLED = key("kpi.enabled")
            .booleanType().defaultValue(true)
            .withDescription("Compute the AR KPIs (docs/kpis.md) per customer, collector, segment and portfolio. "
                    + "Off only to measure what they cost.");

    public static final ConfigOption<Integer> KPI_WINDOW_DAYS = key("kpi.window-days")
            .intType().defaultValue(90)
            .withDescription("W: the KPI window in days. Flows (collections, write-offs, paid invoices, ...) "
                    + "count when their event time is in (T - W days, T]; credit sales by issue date in "
                    + "(D - W, D]. DSO is arTotal / creditSales x W.");

    public static final ConfigOption<Duration> KPI_INTERVAL = key("kpi.interval")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("Spacing of the KPI snapshots per scope in business time: one document per scope at "
                    + "every multiple of this interval since the epoch (UTC).");

    public static final ConfigOption<String> KPI_CURRENCY = key("kpi.currency")
            .stringType().defaultValue("USD")
            .withDescription("Reporting currency of every KPI amount (ISO 4217 code).");

    public static final ConfigOption<String> KPI_RATES = key("kpi.rates")
            .stringType().defaultValue("EUR=1.08,GBP=1.27,CHF=1.13,CAD=0.73,AUD=0.66")
            .withDescription("Static rates into the reporting currency, CODE=rate pairs separated by commas "
                    + "(at most six decimals). An event in a currency without a rate goes to the dead-letter "
                    + "topic.");

    // The notifications job (io.arrears.NotificationsJob); docs/notifications.md.

    public static final ConfigOption<String> NOTIFY_GROUP_ID = key("notify.group-id")
            .stringType().defaultValue("arrears-notifications")
            .withDescription("Kafka consumer group of the notifications job (it reads topic.alerts and "
                    + "topic.notification-routes).");

    public static final ConfigOption<String> TOPIC_NOTIFICATION_ROUTES = topic("notification-routes",
            "ar.notification-routes", "Compacted control topic of notification routes: key collector:ID, "
                    + "segment:NAME or fallback, value a JSON list of channels (empty removes the route). "
                    + "Changes apply without a restart.");

    public static final ConfigOption<String> TOPIC_NOTIFICATIONS_DEADLETTER = topic("notifications-deadletter",
            "ar.notifications.deadletter", "Notifications that could not be delivered after every retry, "
                    + "alerts without a route, and bad route records, each with the reason.");

    public static final ConfigOption<String> NOTIFY_ROUTING_FILE = key("notify.routing-file")
            .stringType().noDefaultValue()
            .withDescription("JSON file with the base routes: {\"collectors\": {ID: [CHANNEL...]}, \"segments\": "
                    + "{NAME: [...]}, \"fallback\": [...]}, a CHANNEL being {\"email\": ADDRESS} or {\"slack\": "
                    + "URL} or {\"webhook\": URL} with an optional \"minSeverity\". Without it, routes come only "
                    + "from the control topic.");

    public static final ConfigOption<Duration> NOTIFY_DIGEST_INTERVAL = key("notify.digest-interval")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("Alerts below CRITICAL (and resolutions) are collected per channel and sent as one "
                    + "digest at every multiple of this interval of wall time. CRITICAL alerts go at once.");

    public static final ConfigOption<Integer> NOTIFY_MAX_ATTEMPTS = key("notify.max-attempts")
            .intType().defaultValue(5)
            .withDescription("Attempts to deliver one message (the first included) before it goes to "
                    + "topic.notifications-deadletter. Only failures that may pass are retried (timeouts, "
                    + "HTTP 5xx, 408 and 429, mail server errors); a refusal (HTTP 4xx, bad address) is "
                    + "dead-lettered at once.");

    public static final ConfigOption<Duration> NOTIFY_RETRY_BACKOFF = key("notify.retry-backoff")
            .durationType().defaultValue(Duration.ofSeconds(2))
            .withDescription("Wait before the first retry; it doubles with each retry, up to 5 minutes.");

    public static final ConfigOption<Integer> NOTIFY_RATE_LIMIT = key("notify.rate-limit-per-minute")
            .intType().defaultValue(30)
            .withDescription("At most this many messages per channel per minute; more wait their turn.");

    public static final ConfigOption<Duration> NOTIFY_REQUEST_TIMEOUT = key("notify.request-timeout")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Timeout of one webhook call or one SMTP conversation.");

    public static final ConfigOption<Duration> NOTIFY_MAX_ALERT_AGE = key("notify.max-alert-age")
            .durationType().defaultValue(Duration.ofDays(1))
            .withDescription("Alerts whose transition (triggeredAt) is older than this, by the wall clock, are "
                    + "counted (metric alertsTooOld) and not sent: a first start that reads ar.alerts from its "
                    + "beginning, or a re-processing of history through the live job, does not page collectors "
                    + "with old news. The alerts stay on ar.alerts and in Elasticsearch.");

    public static final ConfigOption<Duration> NOTIFY_SENT_RETENTION = key("notify.sent-retention")
            .durationType().defaultValue(Duration.ofDays(7))
            .withDescription("How long the job remembers which alert transitions it sent to which channel, so "
                    + "that a re-delivered alert (a restart, a replay of ar.alerts) is not sent again.");

    public static final ConfigOption<String> NOTIFY_DASHBOARD_URL = key("notify.dashboard-url")
            .stringType().defaultValue("http://localhost:3000/d/arrears-customer?var-customer={customer}")
            .withDescription("Link to a customer's drill-down dashboard in messages; {customer} is replaced.");

    public static final ConfigOption<String> NOTIFY_SUBJECT = key("notify.template.subject")
            .stringType().defaultValue("[{severity}] {alertType}: customer {customer}, {amount} {currency}")
            .withDescription("Subject of an immediate (critical) message. Fields: docs/notifications.md.");

    public static final ConfigOption<String> NOTIFY_BODY = key("notify.template.body")
            .stringType().defaultValue("{message}\\n\\nCustomer: {customer}\\nInvoice: {invoice}\\nAmount: {amount} "
                    + "{currency}\\nDays overdue: {days}\\nWhat to do next: {nextStep}\\nCustomer dashboard: {link}")
            .withDescription("Body of an immediate (critical) message; \\n (backslash n) is a line break.");

    public static final ConfigOption<String> NOTIFY_DIGEST_SUBJECT = key("notify.template.digest-subject")
            .stringType().defaultValue("Arrears digest: {count} alert updates for {customers} customers")
            .withDescription("Subject of a digest. Fields: {count}, {customers}, {recipient}.");

    public static final ConfigOption<String> NOTIFY_DIGEST_LINE = key("notify.template.digest-line")
            .stringType().defaultValue("  - [{severity}] {status} {alertType} {invoice} {amount} {currency}: "
                    + "{message} Next: {nextStep}")
            .withDescription("One alert transition in a digest; the digest groups them under their customer.");

    public static final ConfigOption<String> NOTIFY_SMTP_HOST = key("notify.smtp.host")
            .stringType().noDefaultValue()
            .withDescription("SMTP server for email channels. Required when a route has an email channel.");

    public static final ConfigOption<Integer> NOTIFY_SMTP_PORT = key("notify.smtp.port")
            .intType().defaultValue(587)
            .withDescription("SMTP port: 587 for STARTTLS, 465 for SSL, 25 for a plain local relay.");

    public static final ConfigOption<io.arrears.notify.SmtpSettings.Security> NOTIFY_SMTP_SECURITY =
            key("notify.smtp.security").enumType(io.arrears.notify.SmtpSettings.Security.class)
                    .defaultValue(io.arrears.notify.SmtpSettings.Security.STARTTLS)
                    .withDescription("STARTTLS (required, not opportunistic), SSL, or NONE for a local relay.");

    public static final ConfigOption<String> NOTIFY_SMTP_USERNAME = key("notify.smtp.username")
            .stringType().noDefaultValue()
            .withDescription("SMTP user; with notify.smtp.password. Without it, no authentication.");

    public static final ConfigOption<String> NOTIFY_SMTP_PASSWORD = key("notify.smtp.password")
            .stringType().noDefaultValue()
            .withDescription("SMTP password (never logged).");

    public static final ConfigOption<String> NOTIFY_SMTP_TRUSTSTORE_LOCATION =
            key("notify.smtp.ssl.truststore.location").stringType().noDefaultValue()
            .withDescription("Trust store for an SMTP server (SSL or STARTTLS) whose certificate the JVM does not "
                    + "trust by default (a private CA). The server's name is checked against its certificate.");

    public static final ConfigOption<String> NOTIFY_SMTP_TRUSTSTORE_PASSWORD =
            key("notify.smtp.ssl.truststore.password").stringType().noDefaultValue()
            .withDescription("Password of the SMTP trust store. Secret: never logged.");

    public static final ConfigOption<String> NOTIFY_SMTP_TRUSTSTORE_TYPE =
            key("notify.smtp.ssl.truststore.type").stringType().defaultValue("PKCS12")
            .withDescription("Type of the SMTP trust store: PKCS12 or JKS.");

    public static final ConfigOption<String> NOTIFY_SMTP_FROM = key("notify.smtp.from")
            .stringType().defaultValue("arrears@localhost")
            .withDescription("Sender address of notification emails.");

    private ArrearsOptions() {
    }

    private static ConfigOption<String> topic(String name, String defaultTopic, String description) {
        return key("topic." + name).stringType().defaultValue(defaultTopic).withDescription(description);
    }

    /** Every option declared above, in declaration order. */
    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : ArrearsOptions.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                try {
                    options.add((ConfigOption<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return options;
    }

    /** Where to start reading without a checkpoint. */
    public enum StartingOffsets {
        COMMITTED, EARLIEST, LATEST
    }

    /** Delivery guarantee of the Kafka outputs. */
    public enum DeliveryMode {
        EXACTLY_ONCE, AT_LEAST_ONCE
    }
}
