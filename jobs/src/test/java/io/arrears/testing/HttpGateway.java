package io.arrears.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.arrears.stack.StackSecurity;

/**
 * What stands between a client and a real service in a deployment: a gateway that can require an
 * Authorization header, serve TLS with its own certificate, or fail the first requests as an overloaded
 * service does; everything else it forwards to the real service behind it.
 */
public final class HttpGateway implements AutoCloseable {

    public static final String STORE_PASSWORD = "changeit";

    private static final java.util.Set<String> HOP_BY_HOP = java.util.Set.of("content-length", "transfer-encoding",
            "connection", ":status");

    /** What the gateway does with one request. */
    private record Rules(String requiredAuthorization, String failPathPrefix, AtomicInteger failuresLeft,
                         int failureStatus, int maxBodyBytes) {
        Rules(String requiredAuthorization, String failPathPrefix, AtomicInteger failuresLeft, int failureStatus) {
            this(requiredAuthorization, failPathPrefix, failuresLeft, failureStatus, Integer.MAX_VALUE);
        }
    }

    private final HttpServer server;
    private final String scheme;
    private final URI upstream;
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();

    private HttpGateway(HttpServer server, String scheme, URI upstream) {
        this.server = server;
        this.scheme = scheme;
        this.upstream = upstream;
    }

    /** Plain HTTP, requiring {@code requiredAuthorization} (null: none). */
    public static HttpGateway http(String upstream, String requiredAuthorization) throws IOException {
        return start(plainServer(), "http", upstream, new Rules(requiredAuthorization, null, new AtomicInteger(), 0));
    }

    /** Plain HTTP that answers {@code status} to the first {@code count} requests under {@code pathPrefix}. */
    public static HttpGateway failingFirst(String upstream, String pathPrefix, int count, int status)
            throws IOException {
        return start(plainServer(), "http", upstream, new Rules(null, pathPrefix, new AtomicInteger(count), status));
    }

    /** Plain HTTP that answers 413 to a request body over {@code maxBodyBytes}, as a proxy with a size limit. */
    public static HttpGateway limitingBodies(String upstream, int maxBodyBytes) throws IOException {
        return start(plainServer(), "http", upstream, new Rules(null, null, new AtomicInteger(), 0, maxBodyBytes));
    }

    /** While down, every request is answered 503, as by a load balancer with no healthy node behind it. */
    public void down(boolean isDown) {
        down.set(isDown);
    }

    private static HttpServer plainServer() throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    }

    /** HTTPS with a certificate from {@code keyStore} (PKCS12, password {@link #STORE_PASSWORD}). */
    public static HttpGateway https(String upstream, Path keyStore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return start(server, "https", upstream, new Rules(null, null, new AtomicInteger(), 0));
    }

    /**
     * A server key store and a trust store holding its certificate, made with the JDK's keytool; the
     * certificate names 127.0.0.1 so host name verification passes.
     */
    public static void createCertificate(Path keyStore, Path trustStore) throws Exception {
        StackSecurity.createCertificate(keyStore, trustStore, STORE_PASSWORD);
    }

    private static HttpGateway start(HttpServer server, String scheme, String upstream, Rules rules) {
        HttpClient client = HttpClient.newHttpClient();
        HttpGateway gateway = new HttpGateway(server, scheme, URI.create(upstream));
        server.createContext("/", exchange -> gateway.forward(exchange, client, rules));
        server.start();
        return gateway;
    }

    private void forward(HttpExchange exchange, HttpClient client, Rules rules) throws IOException {
        try (exchange) {
            String required = rules.requiredAuthorization();
            if (required != null && !required.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}".getBytes());
                return;
            }
            if (rules.failPathPrefix() != null && exchange.getRequestURI().getPath().startsWith(rules.failPathPrefix())
                    && rules.failuresLeft().getAndDecrement() > 0) {
                failed.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                respond(exchange, rules.failureStatus(), "{\"error\":\"busy\"}".getBytes());
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (down.get() || body.length > rules.maxBodyBytes()) {
                failed.incrementAndGet();
                respond(exchange, down.get() ? 503 : 413, "{\"error\":\"unavailable or too large\"}".getBytes());
                return;
            }
            URI target = upstream.resolve(exchange.getRequestURI().toString());
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : new String[] {"Content-Type", "Accept", "Authorization"}) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            respond(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The URL clients use: the upstream's, with this gateway's scheme, host and port. */
    public String url() {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort()
                + (upstream.getPath() == null ? "" : upstream.getPath());
    }

    /** Requests answered with a failure so far. */
    public int failed() {
        return failed.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
