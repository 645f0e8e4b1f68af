package io.arrears.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.arrears.config.ArrearsConfig;
import io.arrears.model.Severity;
import io.arrears.testing.HttpGateway;

/**
 * Email over implicit TLS (SMTPS) with authentication, against a real SMTP server (GreenMail; it has no
 * STARTTLS) holding a certificate of the test's own: the server's certificate is checked against the configured
 * trust store, the password is checked by the server, and a password in clear is refused before anything is sent.
 */
class SecureEmailTest {

    private static final String PASSWORD = "smtp-s3cret-7731";

    @TempDir
    static Path certificates;
    private static GreenMail mail;
    private static Path trustStore;

    @BeforeAll
    static void startServer() throws Exception {
        Path keyStore = certificates.resolve("smtp.p12");
        trustStore = certificates.resolve("trusted.p12");
        HttpGateway.createCertificate(keyStore, trustStore);
        // GreenMail reads its TLS key from these when it first opens a TLS socket.
        System.setProperty("greenmail.tls.keystore.file", keyStore.toString());
        System.setProperty("greenmail.tls.keystore.password", HttpGateway.STORE_PASSWORD);
        System.setProperty("greenmail.tls.key.password", HttpGateway.STORE_PASSWORD);
        mail = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
        mail.setUser("arrears@example.com", "arrears-bot", PASSWORD);
        mail.start();
    }

    @AfterAll
    static void stopServer() {
        mail.stop();
    }

    private static Map<String, String> smtp(String password, boolean trusted) {
        Map<String, String> options = new HashMap<>(Map.of(
                "notify.smtp.host", "127.0.0.1",
                "notify.smtp.port", Integer.toString(mail.getSmtps().getPort()),
                "notify.smtp.security", "SSL",
                "notify.smtp.username", "arrears-bot",
                "notify.smtp.password", password,
                "notify.smtp.from", "arrears@example.com"));
        if (trusted) {
            options.put("notify.smtp.ssl.truststore.location", trustStore.toString());
            options.put("notify.smtp.ssl.truststore.password", HttpGateway.STORE_PASSWORD);
        }
        return options;
    }

    private static DeliveryOutcome send(Map<String, String> options, String key) throws Exception {
        SmtpSettings settings = NotificationSettings.from(ArrearsConfig.of(options)).smtp();
        assertThat(settings.toString()).doesNotContain(PASSWORD);
        try (EmailSender sender = new EmailSender(settings)) {
            return sender.send(new Message(new Channel(ChannelType.EMAIL, "collector@example.com", Severity.INFO), key,
                    "Overdue: C-1", "INV-1 is 30 days overdue", List.of())).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void mailIsDeliveredOverTlsWithAuthenticationToATrustedServer() throws Exception {
        DeliveryOutcome outcome = send(smtp(PASSWORD, true), "k-delivered");
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.delivered()).isTrue();
        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(mail.getReceivedMessages()).anySatisfy(message ->
                assertThat(message.getHeader("X-Arrears-Idempotency-Key")).containsExactly("k-delivered"));
    }

    @Test
    void anUntrustedCertificateOrAWrongPasswordIsAFailureWhoseReasonHoldsNoSecret() throws Exception {
        DeliveryOutcome untrusted = send(smtp(PASSWORD, false), "k-untrusted");
        assertThat(untrusted.delivered()).isFalse();
        assertThat(untrusted.reason()).contains("certification path").doesNotContain(PASSWORD);

        DeliveryOutcome wrongPassword = send(smtp("not-the-password", true), "k-wrong");
        assertThat(wrongPassword.delivered()).isFalse();
        assertThat(wrongPassword.reason()).doesNotContain("not-the-password");
    }

    @Test
    void aPasswordOverSmtpWithoutTlsIsRefusedUnlessAllowed() {
        Map<String, String> plain = new HashMap<>(smtp(PASSWORD, false));
        plain.put("notify.smtp.security", "NONE");
        assertThatThrownBy(() -> NotificationSettings.from(ArrearsConfig.of(plain)))
                .hasMessageContaining("'notify.smtp.security' is NONE")
                .hasMessageContaining("security.allow-plaintext-credentials").hasMessageNotContaining(PASSWORD);
        plain.put("security.allow-plaintext-credentials", "true");
        assertThat(NotificationSettings.from(ArrearsConfig.of(plain)).smtp().security())
                .isEqualTo(SmtpSettings.Security.NONE);
    }
}
