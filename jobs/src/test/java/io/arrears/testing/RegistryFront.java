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
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * What stands in front of a registry in a real deployment: a gateway that requires a given Authorization
 * header and, optionally, TLS with its own certificate, forwarding to the real registry behind it.
 */
public final class RegistryFront implements AutoCloseable {

    public static final String STORE_PASSWORD = "changeit";

    private final HttpServer server;
    private final String scheme;

    private RegistryFront(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
    }

    /** Plain HTTP, requiring {@code requiredAuthorization} (null: none). */
    public static RegistryFront http(String upstream, String requiredAuthorization) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        return start(server, "http", upstream, requiredAuthorization);
    }

    /** HTTPS with a certificate from {@code keyStore} (PKCS12, password {@link #STORE_PASSWORD}). */
    public static RegistryFront https(String upstream, Path keyStore) throws Exception {
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
        return start(server, "https", upstream, null);
    }

    /**
     * A server key store and a trust store holding its certificate, made with the JDK's keytool; the
     * certificate names 127.0.0.1 so host name verification passes.
     */
    public static void createCertificate(Path keyStore, Path trustStore) throws Exception {
        Path certificate = keyStore.resolveSibling("registry.crt");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD);
        run(keytool, "-exportcert", "-alias", "registry", "-keystore", keyStore.toString(),
                "-storepass", STORE_PASSWORD, "-rfc", "-file", certificate.toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "registry", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", STORE_PASSWORD);
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static RegistryFront start(HttpServer server, String scheme, String upstream, String required) {
        HttpClient client = HttpClient.newHttpClient();
        server.createContext("/", exchange -> forward(exchange, client, upstream, required));
        server.start();
        return new RegistryFront(server, scheme);
    }

    private static void forward(HttpExchange exchange, HttpClient client, String upstream, String required)
            throws IOException {
        try (exchange) {
            if (required != null && !required.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}".getBytes());
                return;
            }
            URI target = URI.create(upstream + exchange.getRequestURI().toString()
                    .replaceFirst("^/apis/ccompat/v7", ""));
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .method(exchange.getRequestMethod(),
                            HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
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

    /** The URL clients use, mirroring the upstream's /apis/ccompat/v7 path. */
    public String url() {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
