package io.arrears.notify.pipeline;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import io.arrears.notify.ChannelType;
import io.arrears.notify.DeliveryOutcome;
import io.arrears.notify.EmailSender;
import io.arrears.notify.Message;
import io.arrears.notify.MessageSender;
import io.arrears.notify.NotificationSettings;
import io.arrears.notify.WebhookSender;

/**
 * Sends messages without blocking the job: each attempt is asynchronous, Flink's retry strategy repeats failed
 * attempts with backoff (see {@link NotificationsTopology}), and an attempt never fails the job: its outcome says
 * what happened. Each channel gets at most notify.rate-limit-per-minute messages; more wait for their slot.
 * Metrics per channel: sent, retried, deadLettered (the last counted where outcomes are split).
 */
public final class MessageDelivery extends RichAsyncFunction<Message, DeliveryOutcome> {

    private final NotificationSettings settings;

    private transient Map<ChannelType, MessageSender> senders;
    private transient ScheduledExecutorService scheduler;
    private transient Map<String, Long> nextSlot;
    private transient Map<String, Integer> attempts;
    /** The attempt under way per idempotency key: cancelled when its message times out or is tried again. */
    private transient Map<String, CompletableFuture<DeliveryOutcome>> inFlight;
    private transient Map<String, Counter> sent;
    private transient Map<String, Counter> retried;

    public MessageDelivery(NotificationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        senders = new HashMap<>();
        WebhookSender webhooks = new WebhookSender(settings.requestTimeout());
        senders.put(ChannelType.SLACK, webhooks);
        senders.put(ChannelType.WEBHOOK, webhooks);
        if (settings.smtp() != null) {
            senders.put(ChannelType.EMAIL, new EmailSender(settings.smtp()));
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "arrears-notification-slots");
            thread.setDaemon(true);
            return thread;
        });
        nextSlot = new ConcurrentHashMap<>();
        attempts = new ConcurrentHashMap<>();
        inFlight = new ConcurrentHashMap<>();
        sent = new ConcurrentHashMap<>();
        retried = new ConcurrentHashMap<>();
    }

    @Override
    public void asyncInvoke(Message message, ResultFuture<DeliveryOutcome> result) {
        String channel = message.channel().id();
        if (attempts.merge(message.idempotencyKey(), 1, Integer::sum) > 1) {
            counter(retried, "retried", channel).inc();
        }
        MessageSender sender = senders.get(message.channel().type());
        if (sender == null) {
            complete(message, result, DeliveryOutcome.failed(message, false, "no SMTP server is configured "
                    + "(notify.smtp.host) for " + channel));
            return;
        }
        cancel(message); // an earlier attempt still under way must not also arrive
        long delay = reserveSlot(channel);
        CompletableFuture<DeliveryOutcome> outcome = delay <= 0 ? sender.send(message)
                : CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, scheduler))
                        .thenCompose(ignored -> sender.send(message));
        inFlight.put(message.idempotencyKey(), outcome);
        outcome.whenComplete((done, error) -> {
            if (outcome.isCancelled()) {
                return; // its result was given by whoever cancelled it
            }
            inFlight.remove(message.idempotencyKey(), outcome);
            complete(message, result, error == null ? done
                    : DeliveryOutcome.failed(message, true, "sending failed: " + error));
        });
    }

    /**
     * Cancels the attempt under way for the message: one still waiting for its rate-limit slot is never sent,
     * and a webhook request is aborted.
     */
    private void cancel(Message message) {
        CompletableFuture<DeliveryOutcome> pending = inFlight.remove(message.idempotencyKey());
        if (pending != null) {
            pending.cancel(true);
        }
    }

    @Override
    public void timeout(Message message, ResultFuture<DeliveryOutcome> result) {
        cancel(message); // dead-lettered now, so it must not arrive later as well
        complete(message, result, DeliveryOutcome.failed(message, false, "no outcome within "
                + settings.deliveryTimeout() + " of the first attempt"));
    }

    private void complete(Message message, ResultFuture<DeliveryOutcome> result, DeliveryOutcome outcome) {
        if (outcome.delivered()) {
            counter(sent, "sent", message.channel().id()).inc();
        }
        if (outcome.delivered() || !outcome.retryable()
                || attempts.getOrDefault(message.idempotencyKey(), 0) >= settings.maxAttempts()) {
            attempts.remove(message.idempotencyKey());
        }
        result.complete(Collections.singletonList(outcome));
    }

    /** Milliseconds until this channel's next free slot, which it takes. */
    private long reserveSlot(String channel) {
        long spacing = 60_000L / settings.ratePerMinute();
        long now = System.currentTimeMillis();
        long[] slot = new long[1];
        nextSlot.compute(channel, (c, next) -> {
            slot[0] = next == null || next < now ? now : next;
            return slot[0] + spacing;
        });
        return slot[0] - now;
    }

    private Counter counter(Map<String, Counter> counters, String name, String channel) {
        return counters.computeIfAbsent(channel, c -> channelGroup(c).counter(name));
    }

    private MetricGroup channelGroup(String channel) {
        return getRuntimeContext().getMetricGroup().addGroup("channel", channel);
    }

    /** For Flink's retry strategy, which ships it to the task managers: whether to try this outcome again. */
    static final class RetryIfRetryable
            implements java.util.function.Predicate<java.util.Collection<DeliveryOutcome>>, java.io.Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public boolean test(java.util.Collection<DeliveryOutcome> outcomes) {
            return outcomes != null && outcomes.stream().anyMatch(o -> !o.delivered() && o.retryable());
        }
    }

    @Override
    public void close() {
        if (senders != null) {
            senders.values().stream().distinct().forEach(MessageSender::close);
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
