package io.arrears.io.kafka;

import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.ingest.EventStream;
import io.arrears.ingest.Ingested;

/**
 * The input topics as one stream of decoded records. Each topic has its own source with a stable uid, and
 * event time (with its watermark) is taken per partition from the decoded events.
 */
public final class KafkaInputs {

    private final ArrearsConfig config;

    /**
     * The topics, read forever. There is deliberately no bounded mode: at the end of a bounded run the last
     * output can miss the final checkpoint, and exactly-once Kafka output commits only at checkpoints.
     */
    public KafkaInputs(ArrearsConfig config) {
        this.config = config;
    }

    public DataStream<Ingested> create(StreamExecutionEnvironment env, WatermarkStrategy<Ingested> watermarks) {
        List<DataStream<Ingested>> streams = new ArrayList<>();
        for (EventStream stream : EventStream.values()) {
            String uid = "source-" + stream.streamName();
            streams.add(env.fromSource(source(stream), watermarks, uid).uid(uid));
        }
        DataStream<Ingested> all = streams.get(0);
        for (DataStream<Ingested> next : streams.subList(1, streams.size())) {
            all = all.union(next);
        }
        return all;
    }

    private KafkaSource<Ingested> source(EventStream stream) {
        return reader(config, config.topic(stream), config.get(ArrearsOptions.KAFKA_GROUP_ID), startingOffsets(config),
                new KafkaEventDeserializer(stream, config.registry(), config.eventMapper()));
    }

    /**
     * A source of one topic with the job's connection and security settings, reading only committed
     * transactions: the inputs may be written exactly-once by upstream jobs, ar.alerts is by the collections job.
     */
    public static <T> KafkaSource<T> reader(ArrearsConfig config, String topic, String groupId,
                                            OffsetsInitializer startingOffsets,
                                            KafkaRecordDeserializationSchema<T> deserializer) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(config.get(ArrearsOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(startingOffsets)
                .setDeserializer(deserializer)
                .setProperties(config.kafkaProperties())
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    /** Where to start without a checkpoint, as kafka.starting-offsets says. */
    @SuppressWarnings("deprecation") // the connector's committedOffsets still takes Kafka's deprecated enum
    public static OffsetsInitializer startingOffsets(ArrearsConfig config) {
        return switch (config.get(ArrearsOptions.KAFKA_STARTING_OFFSETS)) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
    }
}
