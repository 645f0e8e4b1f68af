package io.arrears.io.kafka;

import java.time.Duration;
import java.util.Properties;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.config.ConfigurationException;

/** Kafka sinks with the configured delivery guarantee. */
public final class KafkaOutputs {

    private KafkaOutputs() {
    }

    /** How long a transaction must outlive the checkpoint that commits it: a restart and the commit itself. */
    private static final Duration TRANSACTION_MARGIN = Duration.ofMinutes(1);

    /**
     * Fails fast unless an EXACTLY_ONCE transaction outlives the checkpoint that commits it: it is opened at a
     * checkpoint and committed when the next one completes, so it must last the interval plus the checkpoint's
     * timeout plus a margin. A broker aborts a transaction older than its timeout, and the alerts in it are lost.
     */
    public static void checkTransactionTimeout(ArrearsConfig config, StreamExecutionEnvironment env) {
        if (config.get(ArrearsOptions.KAFKA_DELIVERY) != ArrearsOptions.DeliveryMode.EXACTLY_ONCE) {
            return;
        }
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        Duration interval = Duration.ofMillis(Math.max(0, checkpoints.getCheckpointInterval()));
        Duration timeout = Duration.ofMillis(checkpoints.getCheckpointTimeout());
        Duration transaction = config.get(ArrearsOptions.KAFKA_TRANSACTION_TIMEOUT);
        Duration needed = interval.plus(timeout).plus(TRANSACTION_MARGIN);
        if (transaction.compareTo(needed) < 0) {
            throw new ConfigurationException("Option 'kafka.transaction-timeout' (" + human(transaction)
                    + ") must be at least execution.checkpointing.interval (" + human(interval)
                    + ") + execution.checkpointing.timeout (" + human(timeout) + ") + " + human(TRANSACTION_MARGIN)
                    + ", so that a transaction outlives the checkpoint that commits it: raise it (up to the "
                    + "brokers' transaction.max.timeout.ms, 15 min by default) or shorten the checkpoint timeout.");
        }
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 60_000 == 0 ? duration.toMinutes() + " min" : duration.toMillis() / 1000.0 + " s";
    }

    /** @param name distinguishes this sink's transactional ids from the job's other sinks */
    public static <T> KafkaSink<T> sink(ArrearsConfig config, String name, KafkaRecordSerializationSchema<T> records) {
        Properties producer = config.kafkaProperties();
        producer.setProperty("transaction.timeout.ms",
                String.valueOf(config.get(ArrearsOptions.KAFKA_TRANSACTION_TIMEOUT).toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.get(ArrearsOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(records)
                .setDeliveryGuarantee(switch (config.get(ArrearsOptions.KAFKA_DELIVERY)) {
                    case EXACTLY_ONCE -> DeliveryGuarantee.EXACTLY_ONCE;
                    case AT_LEAST_ONCE -> DeliveryGuarantee.AT_LEAST_ONCE;
                })
                .setTransactionalIdPrefix(config.get(ArrearsOptions.KAFKA_TRANSACTIONAL_ID_PREFIX) + "-" + name)
                .build();
    }
}
