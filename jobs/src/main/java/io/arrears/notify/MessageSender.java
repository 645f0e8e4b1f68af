package io.arrears.notify;

import java.util.concurrent.CompletableFuture;

/** Sends a message to its channel; never completes exceptionally, a failure is an outcome. */
public interface MessageSender extends AutoCloseable {

    CompletableFuture<DeliveryOutcome> send(Message message);

    @Override
    void close();
}
