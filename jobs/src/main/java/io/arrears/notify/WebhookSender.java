package io.arrears.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Slack-compatible incoming webhooks ({"text": ...}) and generic webhooks (Arrears' own JSON: idempotencyKey,
 * subject, text, alerts). Both carry the Idempotency-Key header, so a receiver can drop a message it has seen.
 */
public final class WebhookSender implements MessageSender {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    public WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public CompletableFuture<DeliveryOutcome> send(Message message) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(message.channel().address()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", message.idempotencyKey())
                .header("User-Agent", "arrears-notifications")
                .POST(HttpRequest.BodyPublishers.ofString(body(message)))
                .build();
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        CompletableFuture<DeliveryOutcome> outcome = exchange
                .thenApply(response -> outcome(message, response))
                .exceptionally(e -> DeliveryOutcome.failed(message, true, message.channel().id()
                        + " could not be reached: " + rootMessage(e)));
        // Cancelling the outcome (the message timed out) aborts the request too.
        outcome.whenComplete((done, error) -> {
            if (outcome.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return outcome;
    }

    static String body(Message message) {
        ObjectNode body = JSON.createObjectNode();
        if (message.channel().type() == ChannelType.SLACK) {
            body.put("text", "*" + message.subject() + "*\n" + message.text());
        } else {
            body.put("idempotencyKey", message.idempotencyKey());
            body.put("subject", message.subject());
            body.put("text", message.text());
            body.set("alerts", JSON.valueToTree(message.alerts()));
        }
        return body.toString();
    }

    private static DeliveryOutcome outcome(Message message, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return DeliveryOutcome.delivered(message);
        }
        boolean retryable = status >= 500 || status == 408 || status == 429;
        String body = response.body() == null ? "" : response.body();
        return DeliveryOutcome.failed(message, retryable, message.channel().id() + " answered HTTP " + status
                + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        // Java 17's HttpClient has nothing to close; its threads end with it.
    }
}
