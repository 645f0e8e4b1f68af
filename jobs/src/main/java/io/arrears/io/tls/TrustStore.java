package io.arrears.io.tls;

import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a client trusts besides the JVM's own: a private CA of the operator's, or a service's
 * self-signed certificate. Its password never appears in {@link #toString()}.
 */
public record TrustStore(String location, String password, String type) implements Serializable {

    /** A TLS context that trusts this store's certificates (only them). */
    public SSLContext sslContext(String what) {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore trusted = KeyStore.getInstance(type);
            trusted.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the " + what + " trust store " + location + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return location + " (" + type + ")";
    }
}
