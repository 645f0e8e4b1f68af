package io.arrears.pipeline;

import org.apache.flink.api.connector.sink2.Sink;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.ingest.DeadLetter;
import io.arrears.io.kafka.DeadLetterSerializer;
import io.arrears.io.kafka.KafkaOutputs;

/** Where the collections job writes; production, replay and tests pass different ones. */
public record CollectionsSinks(Sink<DeadLetter> deadLetters) {

    /** The production outputs: Kafka topics in the registry's wire format. */
    public static CollectionsSinks kafka(ArrearsConfig config) {
        return new CollectionsSinks(KafkaOutputs.sink(config, "deadletter",
                new DeadLetterSerializer(config.get(ArrearsOptions.TOPIC_DEADLETTER), config.registry())));
    }
}
