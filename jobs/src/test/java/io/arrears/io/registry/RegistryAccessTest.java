package io.arrears.io.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arrears.config.ArrearsConfig;
import io.arrears.events.InvoiceEvent;
import io.arrears.testing.AvroSamples;
import io.arrears.testing.RealServices;
import io.arrears.testing.HttpGateway;

/**
 * The registry settings a deployment needs, proven against a gateway that enforces them in front of the real
 * registry: what the job sends is checked by a server, not by a mock of the client.
 */
class RegistryAccessTest {

    private static final String TOPIC = "registry-access.ar.invoices";

    /** Through a plain-http gateway: credentials in clear are allowed for these tests only. */
    private static byte[] writeWith(Map<String, String> settings) throws Exception {
        Map<String, String> withPlaintext = new java.util.HashMap<>(settings);
        withPlaintext.put("security.allow-plaintext-credentials", "true");
        ArrearsConfig config = ArrearsConfig.of(withPlaintext);
        byte[] bytes = RegistryAvro.serializer(InvoiceEvent.class, TOPIC, config.registry())
                .serialize(AvroSamples.invoice(1));
        var reader = RegistryAvro.deserializer(InvoiceEvent.class, config.registry());
        assertThat(reader.deserialize(bytes)).isEqualTo(AvroSamples.invoice(1));
        return bytes;
    }

    @Test
    void basicAuthCredentialsReachTheRegistry() throws Exception {
        String upstream = RealServices.kafkaAndRegistry().schemaRegistryUrl();
        String header = "Basic " + Base64.getEncoder().encodeToString("svc-arrears:s3cret".getBytes(StandardCharsets.UTF_8));
        try (HttpGateway front = HttpGateway.http(upstream, header)) {
            assertThat(writeWith(Map.of("registry.url", front.url(),
                    "registry.basic-auth.user-info", "svc-arrears:s3cret"))[0]).isZero();

            assertThatThrownBy(() -> writeWith(Map.of("registry.url", front.url(),
                    "registry.basic-auth.user-info", "svc-arrears:wrong")))
                    .hasStackTraceContaining("401");
        }
    }

    @Test
    void aBearerTokenReachesTheRegistry() throws Exception {
        String upstream = RealServices.kafkaAndRegistry().schemaRegistryUrl();
        try (HttpGateway front = HttpGateway.http(upstream, "Bearer tok-42")) {
            assertThat(writeWith(Map.of("registry.url", front.url(), "registry.bearer-token", "tok-42"))[0]).isZero();

            assertThatThrownBy(() -> writeWith(Map.of("registry.url", front.url())))
                    .hasStackTraceContaining("401");
        }
    }

    @Test
    void aTrustStoreLetsTheClientTrustAPrivateCertificate(@TempDir Path dir) throws Exception {
        String upstream = RealServices.kafkaAndRegistry().schemaRegistryUrl();
        Path keyStore = dir.resolve("registry.p12");
        Path trustStore = dir.resolve("truststore.p12");
        HttpGateway.createCertificate(keyStore, trustStore);
        try (HttpGateway front = HttpGateway.https(upstream, keyStore)) {
            assertThat(writeWith(Map.of("registry.url", front.url(),
                    "registry.ssl.truststore.location", trustStore.toString(),
                    "registry.ssl.truststore.password", HttpGateway.STORE_PASSWORD,
                    "registry.ssl.truststore.type", "PKCS12"))[0]).isZero();

            assertThatThrownBy(() -> writeWith(Map.of("registry.url", front.url())))
                    .hasStackTraceContaining("PKIX path building failed");
        }
    }
}
