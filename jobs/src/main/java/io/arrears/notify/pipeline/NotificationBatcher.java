package io.arrears.notify.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import io.arrears.notify.Channel;
import io.arrears.notify.Message;
import io.arrears.notify.MessageAlert;
import io.arrears.notify.MessageTemplates;
import io.arrears.pipeline.DomainTypes;

/**
 * Per channel: each alert transition once, critical openings at once, the rest in one digest per digest
 * interval of wall time. Which transitions were taken is remembered for notify.sent-retention, so an alert that
 * arrives again (a restart from a checkpoint re-reads ar.alerts from its offsets, a replay writes it again) is not
 * sent again; that memory expires by TTL, the only way to forget a transition whose alert may still repeat.
 */
public final class NotificationBatcher extends KeyedProcessFunction<String, Delivery, Message> {

    private final MessageTemplates templates;
    private final long digestIntervalMillis;
    private final Duration sentRetention;

    private transient MapState<String, Boolean> taken;
    private transient ListState<MessageAlert> digest;
    private transient ValueState<Channel> digestChannel;
    private transient ValueState<Long> digestDue;

    public NotificationBatcher(MessageTemplates templates, Duration digestInterval, Duration sentRetention) {
        this.templates = templates;
        this.digestIntervalMillis = digestInterval.toMillis();
        this.sentRetention = sentRetention;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Boolean> takenDescriptor =
                new MapStateDescriptor<>("notified-transitions", Types.STRING, Types.BOOLEAN);
        takenDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(sentRetention)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        taken = getRuntimeContext().getMapState(takenDescriptor);
        digest = getRuntimeContext().getListState(
                new ListStateDescriptor<>("digest-alerts", DomainTypes.of(MessageAlert.class)));
        digestChannel = getRuntimeContext().getState(
                new ValueStateDescriptor<>("digest-channel", DomainTypes.of(Channel.class)));
        digestDue = getRuntimeContext().getState(new ValueStateDescriptor<>("digest-due", Types.LONG));
    }

    @Override
    public void processElement(Delivery delivery, Context ctx, Collector<Message> out) throws Exception {
        MessageAlert alert = delivery.alert();
        if (taken.contains(alert.transitionKey())) {
            return;
        }
        taken.put(alert.transitionKey(), true);
        if (alert.urgent()) {
            out.collect(templates.single(delivery.channel(), alert));
            return;
        }
        digest.add(alert);
        digestChannel.update(delivery.channel());
        if (digestDue.value() == null) {
            long now = ctx.timerService().currentProcessingTime();
            long due = (now / digestIntervalMillis + 1) * digestIntervalMillis;
            ctx.timerService().registerProcessingTimeTimer(due);
            digestDue.update(due);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Message> out) throws Exception {
        List<MessageAlert> alerts = new ArrayList<>();
        digest.get().forEach(alerts::add);
        if (!alerts.isEmpty()) {
            out.collect(templates.digest(digestChannel.value(), alerts));
        }
        digest.clear();
        digestChannel.clear();
        digestDue.clear();
    }
}
