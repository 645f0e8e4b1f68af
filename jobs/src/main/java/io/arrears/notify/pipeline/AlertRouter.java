package io.arrears.notify.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import io.arrears.ingest.DeadLetter;
import io.arrears.model.ReasonCode;
import io.arrears.notify.Channel;
import io.arrears.notify.MessageAlert;
import io.arrears.notify.Routing;
import io.arrears.pipeline.DomainTypes;

/**
 * Finds the channels of each alert transition: the routing file's routes, changed by the control topic's
 * records (kept in broadcast state, so they survive restarts). An alert no route takes, an unreadable alert
 * record and a bad route record go to the dead letters with the reason; a bad route changes nothing.
 */
public final class AlertRouter extends BroadcastProcessFunction<AlertRecord, RouteUpdate, Delivery> {

    /** Route key to its channels' JSON; "" for a route the topic removed. */
    public static final MapStateDescriptor<String, String> ROUTES =
            new MapStateDescriptor<>("notification-routes", Types.STRING, Types.STRING);
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("notification-dead-letters", DomainTypes.of(DeadLetter.class));

    private final Routing base;
    private final String alertsTopic;
    private final String routesTopic;
    private final long maxAlertAgeMillis;
    private transient Counter tooOld;
    private transient Routing current;

    /** @param maxAlertAge alerts whose transition is older than this by the wall clock are counted, not sent */
    public AlertRouter(Routing base, String alertsTopic, String routesTopic, Duration maxAlertAge) {
        this.base = base;
        this.alertsTopic = alertsTopic;
        this.routesTopic = routesTopic;
        this.maxAlertAgeMillis = maxAlertAge.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        tooOld = getRuntimeContext().getMetricGroup().counter("alertsTooOld");
    }

    @Override
    public void processElement(AlertRecord record, ReadOnlyContext ctx, Collector<Delivery> out) throws Exception {
        if (record.deadLetter() != null) {
            ctx.output(DEAD_LETTERS, record.deadLetter());
            return;
        }
        if (current == null) {
            current = overlay(ctx.getBroadcastState(ROUTES).immutableEntries());
        }
        MessageAlert alert = record.alert();
        if (Instant.parse(alert.triggeredAt()).toEpochMilli() < System.currentTimeMillis() - maxAlertAgeMillis) {
            tooOld.inc();
            return;
        }
        var channels = current.channelsFor(alert);
        if (channels.isEmpty() && !current.reaches(alert)) {
            ctx.output(DEAD_LETTERS, DeadLetter.of(alertsTopic, -1, -1, alert.customerId().getBytes(StandardCharsets.UTF_8),
                    alert.transitionKey().getBytes(StandardCharsets.UTF_8), ReasonCode.UNWRITABLE,
                    "no route for alert " + alert.transitionKey() + " (collector " + alert.collectorId() + ", segment "
                            + alert.segment() + ") and no fallback route", System.currentTimeMillis()));
            return;
        }
        for (Channel channel : channels) {
            out.collect(new Delivery(channel, alert));
        }
    }

    @Override
    public void processBroadcastElement(RouteUpdate update, Context ctx, Collector<Delivery> out) throws Exception {
        try {
            Routing changed = overlay(ctx.getBroadcastState(ROUTES).immutableEntries()).with(update.key(), update.channels());
            ctx.getBroadcastState(ROUTES).put(update.key(), update.channels() == null ? "" : update.channels());
            current = changed;
        } catch (IllegalArgumentException e) {
            ctx.output(DEAD_LETTERS, DeadLetter.withheld(routesTopic, update.partition(), update.offset(),
                    update.key() == null ? null : update.key().getBytes(StandardCharsets.UTF_8),
                    update.channels() == null ? null : update.channels().getBytes(StandardCharsets.UTF_8),
                    ReasonCode.CONTRACT, "route record ignored: " + e.getMessage(), System.currentTimeMillis()));
        }
    }

    private Routing overlay(Iterable<Map.Entry<String, String>> changes) {
        Routing routing = base;
        for (Map.Entry<String, String> change : changes) {
            routing = routing.with(change.getKey(), change.getValue());
        }
        return routing;
    }
}
