package io.arrears.pipeline;

import org.apache.flink.api.connector.sink2.Sink;

/** A sink with the stable name its operator uid is made of. */
public record NamedSink<T>(String name, Sink<T> sink) {
}
