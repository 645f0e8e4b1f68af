package io.arrears.pipeline;

import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import io.arrears.ingest.DeadLetter;
import io.arrears.ingest.Ingested;
import io.arrears.model.CollectionPolicy;
import io.arrears.model.CustomerEvent;

/**
 * Routes decoded input: customer events go on, policies and dead letters to their side outputs, clock ticks
 * end here (their watermarks go on). Counts dead
 * letters per source topic in the metric {@code deadLetters} (group {@code topic}).
 */
public final class SplitIngested extends ProcessFunction<Ingested, CustomerEvent> {

    public static final OutputTag<CollectionPolicy> POLICIES =
            new OutputTag<>("policies", DomainTypes.of(CollectionPolicy.class));
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", DomainTypes.of(DeadLetter.class));

    private transient Map<String, Counter> deadLettersByTopic;

    @Override
    public void open(OpenContext openContext) {
        deadLettersByTopic = new HashMap<>();
    }

    @Override
    public void processElement(Ingested value, Context ctx, Collector<CustomerEvent> out) {
        if (value.event() != null) {
            out.collect(value.event());
        } else if (value.policy() != null) {
            ctx.output(POLICIES, value.policy());
        } else if (value.deadLetter() != null) {
            DeadLetter letter = value.deadLetter();
            deadLettersByTopic.computeIfAbsent(letter.sourceTopic(), topic -> getRuntimeContext().getMetricGroup()
                    .addGroup("topic", topic).counter("deadLetters")).inc();
            ctx.output(DEAD_LETTERS, letter);
        }
    }
}
