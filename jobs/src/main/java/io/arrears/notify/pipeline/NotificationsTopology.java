package io.arrears.notify.pipeline;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.util.retryable.AsyncRetryStrategies;

import io.arrears.ingest.DeadLetter;
import io.arrears.notify.DeliveryOutcome;
import io.arrears.notify.Message;
import io.arrears.notify.NotificationSettings;
import io.arrears.pipeline.DomainTypes;
import io.arrears.pipeline.NamedSink;

/**
 * The notifications job: alerts and route changes in, messages out to mailboxes and webhooks, and everything
 * that could not be delivered to the dead letters. Built from its inputs and sinks, like the collections job.
 */
public final class NotificationsTopology {

    /** In-flight messages per parallel instance: waiting for the mail server must not hold more. */
    private static final int IN_FLIGHT = 100;

    private NotificationsTopology() {
    }

    /** @return the dead letters, also given to {@code deadLetterSinks} */
    public static DataStream<DeadLetter> build(DataStream<AlertRecord> alerts, DataStream<RouteUpdate> routeUpdates,
                                               NotificationSettings settings, String alertsTopic, String routesTopic,
                                               List<NamedSink<DeadLetter>> deadLetterSinks) {
        BroadcastStream<RouteUpdate> routes = routeUpdates.broadcast(AlertRouter.ROUTES);
        SingleOutputStreamOperator<Delivery> deliveries = alerts.connect(routes)
                .process(new AlertRouter(settings.routing(), alertsTopic, routesTopic, settings.maxAlertAge()))
                .returns(DomainTypes.of(Delivery.class))
                .uid("notification-router").name("notification-router");

        DataStream<Message> messages = deliveries
                .keyBy(delivery -> delivery.channel().id())
                .process(new NotificationBatcher(settings.templates(), settings.digestInterval(),
                        settings.sentRetention()))
                .returns(DomainTypes.of(Message.class))
                .uid("notification-batcher").name("notification-batcher");

        var retries = new AsyncRetryStrategies.ExponentialBackoffDelayRetryStrategyBuilder<DeliveryOutcome>(
                settings.maxAttempts(), settings.retryBackoff().toMillis(),
                NotificationSettings.MAX_RETRY_BACKOFF.toMillis(), 2.0)
                .ifResult(new MessageDelivery.RetryIfRetryable())
                .build();
        DataStream<DeliveryOutcome> outcomes = AsyncDataStream.unorderedWaitWithRetry(messages,
                        new MessageDelivery(settings), settings.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS,
                        IN_FLIGHT, retries)
                .returns(DomainTypes.of(DeliveryOutcome.class))
                .uid("notification-delivery").name("notification-delivery");

        DataStream<DeadLetter> deadLetters = outcomes
                .process(new UndeliveredToDeadLetters(alertsTopic))
                .returns(DomainTypes.of(DeadLetter.class))
                .uid("notification-undelivered").name("notification-undelivered")
                .union(deliveries.getSideOutput(AlertRouter.DEAD_LETTERS));
        for (NamedSink<DeadLetter> sink : deadLetterSinks) {
            deadLetters.sinkTo(sink.sink()).uid("sink-" + sink.name()).name("sink-" + sink.name());
        }
        return deadLetters;
    }
}
