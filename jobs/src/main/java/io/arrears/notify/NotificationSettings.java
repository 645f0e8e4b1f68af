package io.arrears.notify;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.config.ConfigurationException;
import io.arrears.io.tls.TrustStore;

/** Everything the notifications job needs besides Kafka and the registry, checked when the job starts. */
public record NotificationSettings(Routing routing, MessageTemplates templates, Duration digestInterval,
                                   int maxAttempts, Duration retryBackoff, int ratePerMinute,
                                   Duration requestTimeout, Duration sentRetention, Duration maxAlertAge,
                                   SmtpSettings smtp)
        implements Serializable {

    public static final Duration MAX_RETRY_BACKOFF = Duration.ofMinutes(5);

    public static NotificationSettings from(ArrearsConfig config) {
        Routing routing = Routing.empty();
        String file = config.get(ArrearsOptions.NOTIFY_ROUTING_FILE);
        if (file != null) {
            try {
                routing = Routing.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ConfigurationException("Option 'notify.routing-file' names '" + file
                        + "', which cannot be read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("The routing file " + file + " (option 'notify.routing-file'): "
                        + e.getMessage());
            }
        }
        MessageTemplates templates = new MessageTemplates(config.get(ArrearsOptions.NOTIFY_SUBJECT),
                lineBreaks(config.get(ArrearsOptions.NOTIFY_BODY)), config.get(ArrearsOptions.NOTIFY_DIGEST_SUBJECT),
                lineBreaks(config.get(ArrearsOptions.NOTIFY_DIGEST_LINE)), config.get(ArrearsOptions.NOTIFY_DASHBOARD_URL));
        String host = config.get(ArrearsOptions.NOTIFY_SMTP_HOST);
        String user = config.get(ArrearsOptions.NOTIFY_SMTP_USERNAME);
        if (user != null && config.get(ArrearsOptions.NOTIFY_SMTP_PASSWORD) == null) {
            throw new ConfigurationException("Option 'notify.smtp.username' is set but 'notify.smtp.password' is not.");
        }
        if (user != null && config.get(ArrearsOptions.NOTIFY_SMTP_SECURITY) == SmtpSettings.Security.NONE
                && !config.get(ArrearsOptions.SECURITY_ALLOW_PLAINTEXT_CREDENTIALS)) {
            throw new ConfigurationException("Option 'notify.smtp.security' is NONE but 'notify.smtp.username' is "
                    + "set: the SMTP password would travel unencrypted. Use STARTTLS or SSL, or set '"
                    + ArrearsOptions.SECURITY_ALLOW_PLAINTEXT_CREDENTIALS.key() + ": true' for a local test server.");
        }
        SmtpSettings smtp = host == null ? null : new SmtpSettings(host, config.get(ArrearsOptions.NOTIFY_SMTP_PORT),
                config.get(ArrearsOptions.NOTIFY_SMTP_SECURITY), user, config.get(ArrearsOptions.NOTIFY_SMTP_PASSWORD),
                config.get(ArrearsOptions.NOTIFY_SMTP_FROM), config.get(ArrearsOptions.NOTIFY_REQUEST_TIMEOUT),
                config.get(ArrearsOptions.NOTIFY_SMTP_TRUSTSTORE_LOCATION) == null ? null
                        : new TrustStore(config.get(ArrearsOptions.NOTIFY_SMTP_TRUSTSTORE_LOCATION),
                                config.get(ArrearsOptions.NOTIFY_SMTP_TRUSTSTORE_PASSWORD),
                                config.get(ArrearsOptions.NOTIFY_SMTP_TRUSTSTORE_TYPE)));
        if (smtp == null && routing.hasEmailChannel()) {
            throw new ConfigurationException("The routing file has email channels but option 'notify.smtp.host' "
                    + "is not set: give the SMTP server.");
        }
        NotificationSettings settings = new NotificationSettings(routing, templates,
                config.get(ArrearsOptions.NOTIFY_DIGEST_INTERVAL), config.get(ArrearsOptions.NOTIFY_MAX_ATTEMPTS),
                config.get(ArrearsOptions.NOTIFY_RETRY_BACKOFF), config.get(ArrearsOptions.NOTIFY_RATE_LIMIT),
                config.get(ArrearsOptions.NOTIFY_REQUEST_TIMEOUT), config.get(ArrearsOptions.NOTIFY_SENT_RETENTION),
                config.get(ArrearsOptions.NOTIFY_MAX_ALERT_AGE), smtp);
        settings.check();
        return settings;
    }

    private void check() {
        requirePositive("notify.digest-interval", digestInterval);
        requirePositive("notify.max-alert-age", maxAlertAge);
        requirePositive("notify.retry-backoff", retryBackoff);
        requirePositive("notify.request-timeout", requestTimeout);
        requirePositive("notify.sent-retention", sentRetention);
        if (maxAttempts < 1) {
            throw new ConfigurationException("Option 'notify.max-attempts' must be at least 1.");
        }
        if (ratePerMinute < 1) {
            throw new ConfigurationException("Option 'notify.rate-limit-per-minute' must be at least 1.");
        }
    }

    /**
     * Longest a message may take from its first attempt to its last outcome: every attempt's timeout, the
     * backoffs between them, and a minute of waiting behind the channel's rate limit.
     */
    public Duration deliveryTimeout() {
        Duration total = requestTimeout.multipliedBy(maxAttempts).plus(Duration.ofMinutes(1));
        Duration backoff = retryBackoff;
        for (int retry = 1; retry < maxAttempts; retry++) {
            total = total.plus(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_RETRY_BACKOFF) > 0 ? MAX_RETRY_BACKOFF
                    : backoff.multipliedBy(2);
        }
        return total;
    }

    private static void requirePositive(String option, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigurationException("Option '" + option + "' must be positive, was " + value + ".");
        }
    }

    private static String lineBreaks(String template) {
        return template.replace("\\n", "\n");
    }
}
