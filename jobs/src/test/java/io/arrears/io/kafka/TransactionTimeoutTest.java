package io.arrears.io.kafka;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ConfigurationException;

class TransactionTimeoutTest {

    private static StreamExecutionEnvironment checkpointing(long intervalMillis, long timeoutMillis) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(intervalMillis);
        env.getCheckpointConfig().setCheckpointTimeout(timeoutMillis);
        return env;
    }

    @Test
    void aTransactionThatCouldExpireBeforeItsCheckpointCommitsIsRefusedAtStartNamingTheOptions() {
        assertThatThrownBy(() -> KafkaOutputs.checkTransactionTimeout(ArrearsConfig.of(Map.of()),
                checkpointing(60_000, 15 * 60_000)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Option 'kafka.transaction-timeout' (15 min) must be at least "
                        + "execution.checkpointing.interval (1 min) + execution.checkpointing.timeout (15 min) + 1 min, "
                        + "so that a transaction outlives the checkpoint that commits it: raise it (up to the brokers' "
                        + "transaction.max.timeout.ms, 15 min by default) or shorten the checkpoint timeout.");
        assertThatThrownBy(() -> KafkaOutputs.checkTransactionTimeout(
                ArrearsConfig.of(Map.of("kafka.transaction-timeout", "10 min")), checkpointing(60_000, 10 * 60_000)))
                .hasMessageStartingWith("Option 'kafka.transaction-timeout' (10 min) must be at least");
    }

    @Test
    void theDefaultsAndTheManifestsCheckpointingFitAndAtLeastOnceHasNoTransactions() {
        // deploy/kubernetes: interval 1 min, timeout 10 min; Flink's default timeout is 10 min too.
        assertThatCode(() -> KafkaOutputs.checkTransactionTimeout(ArrearsConfig.of(Map.of()),
                checkpointing(60_000, 10 * 60_000))).doesNotThrowAnyException();
        assertThatCode(() -> KafkaOutputs.checkTransactionTimeout(
                ArrearsConfig.of(Map.of("kafka.delivery", "AT_LEAST_ONCE", "kafka.transaction-timeout", "1 min")),
                checkpointing(60_000, 10 * 60_000))).doesNotThrowAnyException();
    }
}
