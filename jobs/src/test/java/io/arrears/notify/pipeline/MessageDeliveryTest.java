package io.arrears.notify.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.flink.streaming.api.functions.async.CollectionSupplier;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.util.MockStreamingRuntimeContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.arrears.config.ArrearsConfig;
import io.arrears.model.Severity;
import io.arrears.notify.Channel;
import io.arrears.notify.ChannelType;
import io.arrears.notify.DeliveryOutcome;
import io.arrears.notify.Message;
import io.arrears.notify.NotificationSettings;

/** Against a real HTTP server: a message that timed out is not also delivered later. */
class MessageDeliveryTest {

    private HttpServer http;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void receiver() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private static final class Outcome implements ResultFuture<DeliveryOutcome> {
        final CompletableFuture<DeliveryOutcome> future = new CompletableFuture<>();

        @Override
        public void complete(Collection<DeliveryOutcome> result) {
            assertThat(future.complete(result.iterator().next())).as("completed once").isTrue();
        }

        @Override
        public void completeExceptionally(Throwable error) {
            future.completeExceptionally(error);
        }

        @Override
        public void complete(CollectionSupplier<DeliveryOutcome> supplier) {
            try {
                complete(supplier.get());
            } catch (Exception e) {
                future.completeExceptionally(e);
            }
        }
    }

    @Test
    void aMessageThatTimedOutWhileWaitingForItsRateLimitSlotIsNeverSent() throws Exception {
        // 60 a minute: the second message waits a second for its slot.
        NotificationSettings settings = NotificationSettings.from(ArrearsConfig.of(Map.of(
                "notify.rate-limit-per-minute", "60")));
        MessageDelivery delivery = new MessageDelivery(settings);
        delivery.setRuntimeContext(new MockStreamingRuntimeContext(1, 0));
        delivery.open(null);
        Channel hook = new Channel(ChannelType.WEBHOOK, "http://127.0.0.1:" + http.getAddress().getPort() + "/hook",
                Severity.INFO);
        Message first = new Message(hook, "k1", "first", "text", List.of());
        Message second = new Message(hook, "k2", "second", "text", List.of());

        Outcome firstOutcome = new Outcome();
        delivery.asyncInvoke(first, firstOutcome);
        assertThat(firstOutcome.future.get(10, TimeUnit.SECONDS).delivered()).isTrue();
        Outcome secondOutcome = new Outcome();
        delivery.asyncInvoke(second, secondOutcome);
        delivery.timeout(second, secondOutcome);

        assertThat(secondOutcome.future.get(1, TimeUnit.SECONDS).delivered()).isFalse();
        // A third message takes the slot after the second's: once it has arrived, the second's time has passed.
        Outcome thirdOutcome = new Outcome();
        delivery.asyncInvoke(new Message(hook, "k3", "third", "text", List.of()), thirdOutcome);
        assertThat(thirdOutcome.future.get(10, TimeUnit.SECONDS).delivered()).isTrue();
        assertThat(received).as("the timed-out message never left").containsExactly("k1", "k3");
    }
}
