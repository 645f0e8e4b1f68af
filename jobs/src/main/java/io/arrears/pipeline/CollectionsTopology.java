package io.arrears.pipeline;

import org.apache.flink.streaming.api.datastream.DataStream;

import io.arrears.ingest.Ingested;

/**
 * The collections job's topology, independent of where its input comes from (Kafka, a replay file, a test)
 * and where its output goes.
 */
public final class CollectionsTopology {

    private CollectionsTopology() {
    }

    public static IngestedStreams build(DataStream<Ingested> input, CollectionsSinks sinks) {
        IngestedStreams streams = IngestedStreams.split(input);
        streams.deadLetters().sinkTo(sinks.deadLetters()).uid("sink-deadletter").name("sink-deadletter");
        return streams;
    }
}
