package io.arrears.pipeline;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import io.arrears.ingest.DeadLetter;
import io.arrears.ingest.Ingested;
import io.arrears.model.CollectionPolicy;
import io.arrears.model.CustomerEvent;

/** The decoded input, split by what it is. */
public record IngestedStreams(
        DataStream<CustomerEvent> events,
        DataStream<CollectionPolicy> policies,
        DataStream<DeadLetter> deadLetters) {

    /** Splits decoded input, whichever source (Kafka, replay file, test) it came from. */
    public static IngestedStreams split(DataStream<Ingested> ingested) {
        SingleOutputStreamOperator<CustomerEvent> events = ingested
                .process(new SplitIngested())
                .uid("split-ingested")
                .name("split-ingested");
        return new IngestedStreams(events, events.getSideOutput(SplitIngested.POLICIES),
                events.getSideOutput(SplitIngested.DEAD_LETTERS));
    }
}
