package io.arrears.io.kafka;

import java.util.Properties;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;

/** Kafka sinks with the configured delivery guarantee. */
public final class KafkaOutputs {

    private KafkaOutputs() {
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
