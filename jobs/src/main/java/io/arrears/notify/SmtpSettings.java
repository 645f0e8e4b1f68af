package io.arrears.notify;

import java.io.Serializable;
import java.time.Duration;

import io.arrears.io.tls.TrustStore;

/**
 * The mail server notifications go through.
 *
 * @param security NONE (plain, local relays and tests), STARTTLS (port 587) or SSL (port 465)
 * @param trustStore the certificates trusted for TLS besides the JVM's, or null
 */
public record SmtpSettings(String host, int port, Security security, String username, String password, String from,
                           Duration timeout, TrustStore trustStore) implements Serializable {

    public enum Security { NONE, STARTTLS, SSL }

    @Override
    public String toString() {
        return "smtp " + host + ":" + port + " " + security + (username == null ? "" : " as " + username)
                + " from " + from;
    }
}
