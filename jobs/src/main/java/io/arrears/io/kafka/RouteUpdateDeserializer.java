package io.arrears.io.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.arrears.notify.pipeline.RouteUpdate;
import io.arrears.pipeline.DomainTypes;

/**
 * Reads the routes control topic: plain UTF-8 keys and JSON values, so that an operator can change a route with
 * kafka-console-producer. Whether a record makes sense is decided where it is applied.
 */
public final class RouteUpdateDeserializer implements KafkaRecordDeserializationSchema<RouteUpdate> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RouteUpdate> out) {
        out.collect(new RouteUpdate(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
                record.partition(), record.offset()));
    }

    @Override
    public TypeInformation<RouteUpdate> getProducedType() {
        return DomainTypes.of(RouteUpdate.class);
    }
}
