package io.arrears.notify.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arrears.ingest.DeadLetter;
import io.arrears.model.ReasonCode;
import io.arrears.notify.DeliveryOutcome;
import io.arrears.notify.Message;

/**
 * A message that could not be delivered after every attempt becomes a dead letter: the message as JSON
 * (channel id, idempotency key, subject, text, alerts; never a webhook URL) and the reason.
 */
public final class UndeliveredToDeadLetters extends ProcessFunction<DeliveryOutcome, DeadLetter> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String alertsTopic;
    private transient Map<String, Counter> deadLettered;

    public UndeliveredToDeadLetters(String alertsTopic) {
        this.alertsTopic = alertsTopic;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLettered = new HashMap<>();
    }

    @Override
    public void processElement(DeliveryOutcome outcome, Context ctx, Collector<DeadLetter> out) {
        if (outcome.delivered()) {
            return;
        }
        Message message = outcome.message();
        String channel = message.channel().id();
        deadLettered.computeIfAbsent(channel, c -> getRuntimeContext().getMetricGroup().addGroup("channel", c)
                .counter("deadLettered")).inc();
        ObjectNode value = JSON.createObjectNode();
        value.put("channel", channel);
        value.put("idempotencyKey", message.idempotencyKey());
        value.put("subject", message.subject());
        value.put("text", message.text());
        value.set("alerts", JSON.valueToTree(message.alerts()));
        out.collect(DeadLetter.of(alertsTopic, -1, -1, channel.getBytes(StandardCharsets.UTF_8),
                value.toString().getBytes(StandardCharsets.UTF_8), ReasonCode.UNWRITABLE, "not delivered to " + channel + ": "
                + outcome.reason(), System.currentTimeMillis()));
    }
}
