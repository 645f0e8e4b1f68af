package io.arrears.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import io.arrears.ingest.EventStream;
import io.arrears.io.registry.RegistrySettings;

/**
 * The validated configuration of a job. Loaded from a file of "key: value" lines (--config FILE) and from
 * "--key value" arguments, which win. Anything wrong fails here, before the job starts, with a message that
 * names the option and says what to fix.
 */
public final class ArrearsConfig {

    private static final Map<String, ConfigOption<?>> OPTIONS = ArrearsOptions.all().stream()
            .collect(Collectors.toMap(ConfigOption::key, o -> o, (a, b) -> a, LinkedHashMap::new));

    /** The largest ingest.max-amount, 10^13 in any currency: a long of cents holds 9,000 of them. */
    private static final long MAX_AMOUNT_CENTS = 1_000_000_000_000_000L;

    private final Configuration configuration;

    private ArrearsConfig(Configuration configuration) {
        this.configuration = configuration;
    }

    /** Options from {@code --config FILE} (optional) overridden by {@code --key value} arguments. */
    public static ArrearsConfig fromArgs(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> fromArgs = parseArgs(args);
        String file = fromArgs.remove("config");
        if (file != null) {
            values.putAll(readFile(Path.of(file)));
        }
        values.putAll(fromArgs);
        return of(values);
    }

    /** Options from a map of key to value; unknown keys and bad values are refused. */
    public static ArrearsConfig of(Map<String, String> values) {
        Configuration configuration = new Configuration();
        values.forEach((key, value) -> {
            if (!OPTIONS.containsKey(key) && !key.startsWith(ArrearsOptions.KAFKA_PROPERTIES_PREFIX)) {
                throw new ConfigurationException("Unknown option '" + key + "'" + suggestion(key)
                        + " Every option is listed in docs/configuration.md.");
            }
            configuration.setString(key, value);
        });
        ArrearsConfig config = new ArrearsConfig(configuration);
        config.validate();
        return config;
    }

    /** These options, some replaced or added. */
    public ArrearsConfig with(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(configuration.toMap());
        values.putAll(overrides);
        return of(values);
    }

    /** Every option set, secrets included (never log this map; {@link #toString()} hides them). */
    public Map<String, String> values() {
        return new LinkedHashMap<>(configuration.toMap());
    }

    /** "--key value" and "--key=value" pairs. */
    public static Map<String, String> parseArgs(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigurationException("Unexpected argument '" + arg + "': options are given as "
                        + "--key value or --key=value.");
            }
            String body = arg.substring(2);
            int equals = body.indexOf('=');
            if (equals >= 0) {
                values.put(body.substring(0, equals), body.substring(equals + 1));
            } else if (i + 1 < args.length) {
                values.put(body, args[++i]);
            } else {
                throw new ConfigurationException("Option --" + body + " has no value.");
            }
        }
        return values;
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the configuration file " + file.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted()
                .forEach(key -> values.put(key, stripQuotes(properties.getProperty(key).trim())));
        return values;
    }

    private static String stripQuotes(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    /** The KPI settings: window, interval, reporting currency and rates. */
    public io.arrears.kpi.KpiSettings kpiSettings() {
        return new io.arrears.kpi.KpiSettings(get(ArrearsOptions.KPI_ENABLED), get(ArrearsOptions.KPI_WINDOW_DAYS),
                get(ArrearsOptions.KPI_INTERVAL),
                io.arrears.kpi.CurrencyRates.parse(get(ArrearsOptions.KPI_CURRENCY), get(ArrearsOptions.KPI_RATES)),
                new io.arrears.ledger.BusinessCalendar(java.time.ZoneId.of(get(ArrearsOptions.TIME_ZONE))));
    }

    /** The input limits (ingest.*), checked by {@link #validate()}. */
    public io.arrears.model.InputLimits inputLimits() {
        return new io.arrears.model.InputLimits(
                (int) Math.min(Integer.MAX_VALUE, get(ArrearsOptions.INGEST_MAX_RECORD_BYTES).getBytes()),
                get(ArrearsOptions.INGEST_MAX_ID_LENGTH), get(ArrearsOptions.INGEST_MAX_TEXT_LENGTH),
                get(ArrearsOptions.INGEST_MAX_ALLOCATIONS), maxAmountCents(),
                get(ArrearsOptions.INGEST_MAX_POLICY_STAGES),
                get(ArrearsOptions.INGEST_MAX_EVENT_TIME_AHEAD).toMillis());
    }

    /** How input records become domain events: the contract within the limits, and the KPI rates. */
    public io.arrears.ingest.AvroEventMapper eventMapper() {
        return new io.arrears.ingest.AvroEventMapper(inputLimits(), kpiSettings().rates());
    }

    private long maxAmountCents() {
        String text = get(ArrearsOptions.INGEST_MAX_AMOUNT);
        try {
            return io.arrears.model.Money.toCents(new java.math.BigDecimal(text.trim()));
        } catch (NumberFormatException | io.arrears.model.ContractViolation e) {
            throw new ConfigurationException("Option 'ingest.max-amount' must be a decimal amount with at most "
                    + "two decimals, such as 1000000000000.00, was '" + text + "'.");
        }
    }

    private void validateInputLimits() {
        long maxAmount = maxAmountCents();
        if (maxAmount < 1 || maxAmount > MAX_AMOUNT_CENTS) {
            throw new ConfigurationException("Option 'ingest.max-amount' must be between 0.01 and "
                    + io.arrears.model.Money.toDecimal(MAX_AMOUNT_CENTS) + ", was '"
                    + get(ArrearsOptions.INGEST_MAX_AMOUNT) + "'.");
        }
        long recordBytes = get(ArrearsOptions.INGEST_MAX_RECORD_BYTES).getBytes();
        if (recordBytes < 1024 || recordBytes > 64L * 1024 * 1024) {
            throw new ConfigurationException("Option 'ingest.max-record-bytes' must be between 1 kb and 64 mb, was "
                    + get(ArrearsOptions.INGEST_MAX_RECORD_BYTES) + ".");
        }
        checkRange(ArrearsOptions.INGEST_MAX_ID_LENGTH, 1, 512);
        checkRange(ArrearsOptions.INGEST_MAX_TEXT_LENGTH, 1, 1_000_000);
        checkRange(ArrearsOptions.INGEST_MAX_ALLOCATIONS, 1, 100_000);
        checkRange(ArrearsOptions.INGEST_MAX_POLICY_STAGES, 1, 1000);
        Duration ahead = get(ArrearsOptions.INGEST_MAX_EVENT_TIME_AHEAD);
        if (ahead.isNegative() || ahead.compareTo(Duration.ofDays(3650)) > 0) {
            throw new ConfigurationException("Option 'ingest.max-event-time-ahead' must be between 0 and 3650 d, "
                    + "was " + ahead + ".");
        }
        long largestConverted = kpiSettings().rates().largestConversion(maxAmount);
        if (largestConverted > MAX_AMOUNT_CENTS * 10) {
            throw new ConfigurationException("Options 'ingest.max-amount' and 'kpi.rates' together allow an amount "
                    + "of " + io.arrears.model.Money.toDecimal(largestConverted) + " in the reporting currency, more "
                    + "than 10 times the largest 'ingest.max-amount' allowed: lower one.");
        }
        // Allocations of a payment are summed in cents: the most of them at the largest amount must fit.
        if (Math.multiplyHigh(maxAmount, get(ArrearsOptions.INGEST_MAX_ALLOCATIONS)) != 0
                || maxAmount * get(ArrearsOptions.INGEST_MAX_ALLOCATIONS) < 0) {
            throw new ConfigurationException("Options 'ingest.max-amount' and 'ingest.max-allocations' together "
                    + "allow a payment whose allocations add up to more than Arrears can hold: lower one.");
        }
    }

    /** A password sent in clear is as good as published: refused unless the operator says otherwise. */
    private void checkCredentialsAreEncrypted() {
        if (get(ArrearsOptions.SECURITY_ALLOW_PLAINTEXT_CREDENTIALS)) {
            return;
        }
        String allow = " Use TLS, or set '" + ArrearsOptions.SECURITY_ALLOW_PLAINTEXT_CREDENTIALS.key()
                + ": true' for a local test stack.";
        if ((get(ArrearsOptions.REGISTRY_BASIC_AUTH_USER_INFO) != null || get(ArrearsOptions.REGISTRY_BEARER_TOKEN) != null)
                && registry().urlList().stream().anyMatch(url -> url.startsWith("http://"))) {
            throw new ConfigurationException("Option 'registry.url' names an http:// URL, over which the registry "
                    + "credentials would travel unencrypted." + allow);
        }
        if ((get(ArrearsOptions.ELASTICSEARCH_USERNAME) != null || get(ArrearsOptions.ELASTICSEARCH_API_KEY) != null)
                && elasticsearchHosts().stream().anyMatch(host -> host.startsWith("http://"))) {
            throw new ConfigurationException("Option 'elasticsearch.hosts' names an http:// URL, over which the "
                    + "Elasticsearch credentials would travel unencrypted." + allow);
        }
        Properties kafka = kafkaProperties();
        if (kafka.getProperty("sasl.jaas.config") != null
                && !"SASL_SSL".equalsIgnoreCase(kafka.getProperty("security.protocol"))) {
            throw new ConfigurationException("Option '" + ArrearsOptions.KAFKA_PROPERTIES_PREFIX
                    + "sasl.jaas.config' is set but '" + ArrearsOptions.KAFKA_PROPERTIES_PREFIX
                    + "security.protocol' is not SASL_SSL: the Kafka credentials would travel unencrypted." + allow);
        }
    }

    private void checkRange(ConfigOption<Integer> option, int min, int max) {
        int value = get(option);
        if (value < min || value > max) {
            throw new ConfigurationException("Option '" + option.key() + "' must be between " + min + " and " + max
                    + ", was " + value + ".");
        }
    }

    private void validate() {
        for (ConfigOption<?> option : OPTIONS.values()) {
            try {
                configuration.get(option);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("Option '" + option.key() + "' has an invalid value '"
                        + configuration.getString(option.key(), null) + "': " + rootMessage(e)
                        + (option.hasDefaultValue() ? " (default: " + option.defaultValue() + ")" : ""), e);
            }
        }
        for (String url : registry().urlList()) {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new ConfigurationException("Option 'registry.url' must be http:// or https:// URLs, was '"
                        + url + "'.");
            }
        }
        if (registry().urlList().isEmpty()) {
            throw new ConfigurationException("Option 'registry.url' is empty: give the schema registry's URL.");
        }
        if (get(ArrearsOptions.KAFKA_BOOTSTRAP_SERVERS).isBlank()) {
            throw new ConfigurationException("Option 'kafka.bootstrap-servers' is empty: give host:port of "
                    + "at least one broker.");
        }
        String truststore = get(ArrearsOptions.REGISTRY_TRUSTSTORE_LOCATION);
        if (truststore != null && !Files.isReadable(Path.of(truststore))) {
            throw new ConfigurationException("Option 'registry.ssl.truststore.location' names '" + truststore
                    + "', which is not a readable file.");
        }
        for (ConfigOption<Duration> positive : List.of(ArrearsOptions.KAFKA_TRANSACTION_TIMEOUT,
                ArrearsOptions.SOURCE_IDLE_TIMEOUT)) {
            if (get(positive).isZero() || get(positive).isNegative()) {
                throw new ConfigurationException("Option '" + positive.key() + "' must be positive, was "
                        + get(positive) + ".");
            }
        }
        if (get(ArrearsOptions.SOURCE_MAX_OUT_OF_ORDERNESS).isNegative()) {
            throw new ConfigurationException("Option 'source.max-out-of-orderness' must not be negative.");
        }
        try {
            java.time.ZoneId.of(get(ArrearsOptions.TIME_ZONE));
        } catch (java.time.DateTimeException e) {
            throw new ConfigurationException("Option 'time.zone' is not a time zone: '" + get(ArrearsOptions.TIME_ZONE)
                    + "'. Use an IANA zone id such as UTC or Europe/Berlin.");
        }
        try {
            kpiSettings();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("KPI options (kpi.*): " + e.getMessage() + ".");
        }
        for (String host : elasticsearchHosts()) {
            if (!host.startsWith("http://") && !host.startsWith("https://")) {
                throw new ConfigurationException("Option 'elasticsearch.hosts' must be http:// or https:// URLs, "
                        + "was '" + host + "'.");
            }
        }
        checkCredentialsAreEncrypted();
        if (get(ArrearsOptions.ELASTICSEARCH_USERNAME) != null && get(ArrearsOptions.ELASTICSEARCH_PASSWORD) == null) {
            throw new ConfigurationException("Option 'elasticsearch.username' is set but 'elasticsearch.password' "
                    + "is not.");
        }
        for (ConfigOption<Duration> positive : List.of(ArrearsOptions.CLOCK_TICK_INTERVAL,
                ArrearsOptions.LEDGER_RETENTION, ArrearsOptions.LEDGER_DEDUP_RETENTION,
                ArrearsOptions.CUSTOMER_FLUSH_INTERVAL, ArrearsOptions.ELASTICSEARCH_BULK_INTERVAL)) {
            if (get(positive).isZero() || get(positive).isNegative()) {
                throw new ConfigurationException("Option '" + positive.key() + "' must be positive, was "
                        + get(positive) + ".");
            }
        }
        for (ConfigOption<Integer> atLeastOne : List.of(ArrearsOptions.ELASTICSEARCH_BULK_ACTIONS,
                ArrearsOptions.ELASTICSEARCH_IN_FLIGHT)) {
            if (get(atLeastOne) < 1) {
                throw new ConfigurationException("Option '" + atLeastOne.key() + "' must be at least 1.");
            }
        }
        if (get(ArrearsOptions.LEDGER_CACHE_CUSTOMERS) < 1) {
            throw new ConfigurationException("Option 'ledger.cache-customers' must be at least 1.");
        }
        if (get(ArrearsOptions.REGISTRY_CACHE_CAPACITY) < 1) {
            throw new ConfigurationException("Option 'registry.cache-capacity' must be at least 1.");
        }
        validateInputLimits();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String suggestion(String key) {
        return OPTIONS.keySet().stream()
                .min(Comparator.comparingInt(known -> distance(known, key)))
                .filter(closest -> distance(closest, key) <= Math.max(2, key.length() / 4))
                .map(closest -> "; did you mean '" + closest + "'?")
                .orElse(".");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    public <T> T get(ConfigOption<T> option) {
        return configuration.get(option);
    }

    /** Whether the option was given, rather than left at its default. */
    public boolean isSet(ConfigOption<?> option) {
        return configuration.contains(option);
    }

    /** The Kafka client settings given as kafka.properties.*, prefix removed (security settings and the like). */
    public Properties kafkaProperties() {
        Properties properties = new Properties();
        configuration.toMap().forEach((key, value) -> {
            if (key.startsWith(ArrearsOptions.KAFKA_PROPERTIES_PREFIX)) {
                properties.setProperty(key.substring(ArrearsOptions.KAFKA_PROPERTIES_PREFIX.length()), value);
            }
        });
        return properties;
    }

    public RegistrySettings registry() {
        return new RegistrySettings(get(ArrearsOptions.REGISTRY_URL),
                get(ArrearsOptions.REGISTRY_BASIC_AUTH_USER_INFO),
                get(ArrearsOptions.REGISTRY_BEARER_TOKEN),
                get(ArrearsOptions.REGISTRY_TRUSTSTORE_LOCATION),
                get(ArrearsOptions.REGISTRY_TRUSTSTORE_PASSWORD),
                get(ArrearsOptions.REGISTRY_TRUSTSTORE_TYPE),
                get(ArrearsOptions.REGISTRY_CACHE_CAPACITY));
    }

    public List<String> elasticsearchHosts() {
        return java.util.Arrays.stream(get(ArrearsOptions.ELASTICSEARCH_HOSTS).split(","))
                .map(String::trim).filter(h -> !h.isEmpty()).toList();
    }

    public String topic(EventStream stream) {
        return get(switch (stream) {
            case CUSTOMERS -> ArrearsOptions.TOPIC_CUSTOMERS;
            case INVOICES -> ArrearsOptions.TOPIC_INVOICES;
            case PAYMENTS -> ArrearsOptions.TOPIC_PAYMENTS;
            case DISPUTES -> ArrearsOptions.TOPIC_DISPUTES;
            case ACTIVITIES -> ArrearsOptions.TOPIC_ACTIVITIES;
            case POLICIES -> ArrearsOptions.TOPIC_POLICIES;
        });
    }

    /** The options as set, secrets masked: safe to log. */
    @Override
    public String toString() {
        Set<String> secrets = Set.of(ArrearsOptions.REGISTRY_BASIC_AUTH_USER_INFO.key(),
                ArrearsOptions.REGISTRY_BEARER_TOKEN.key(), ArrearsOptions.REGISTRY_TRUSTSTORE_PASSWORD.key(),
                ArrearsOptions.ELASTICSEARCH_PASSWORD.key(), ArrearsOptions.ELASTICSEARCH_API_KEY.key(),
                ArrearsOptions.ELASTICSEARCH_TRUSTSTORE_PASSWORD.key(),
                ArrearsOptions.NOTIFY_SMTP_PASSWORD.key(), ArrearsOptions.NOTIFY_SMTP_TRUSTSTORE_PASSWORD.key());
        return configuration.toMap().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + (secrets.contains(e.getKey()) || isSecretKafkaSetting(e.getKey())
                        ? "******" : e.getValue()))
                .collect(Collectors.joining(", ", "ArrearsConfig{", "}"));
    }

    private static boolean isSecretKafkaSetting(String key) {
        return key.startsWith(ArrearsOptions.KAFKA_PROPERTIES_PREFIX)
                && (key.contains("password") || key.contains("jaas") || key.contains("secret"));
    }
}
