package io.arrears.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The secrets of a secured local stack: one self-signed certificate for 127.0.0.1 (Kafka's SASL_SSL listener and
 * Elasticsearch's HTTPS), a trust store holding it, random passwords for the Kafka SCRAM user and the Elasticsearch
 * user. Made fresh per stack, never reused.
 */
public final class StackSecurity {

    /** The SCRAM mechanism of the Kafka listener. */
    public static final String SCRAM = "SCRAM-SHA-512";
    public static final String KAFKA_USER = "arrears";
    public static final String ELASTICSEARCH_USER = "arrears";

    private final Path keyStore;
    private final Path trustStore;
    private final String storePassword = randomSecret();
    private final String kafkaPassword = randomSecret();
    private final String kafkaBrokerPassword = randomSecret();
    private final String elasticsearchPassword = randomSecret();

    StackSecurity(Path directory) {
        this.keyStore = directory.resolve("service.p12");
        this.trustStore = directory.resolve("trusted.p12");
        try {
            Files.createDirectories(directory);
            createCertificate(keyStore, trustStore, storePassword);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the certificates of a secured stack in " + directory, e);
        }
    }

    /**
     * Creates a key store with a self-signed certificate for 127.0.0.1 and a trust store holding that
     * certificate, both PKCS12 with {@code password}, with the JDK's keytool.
     */
    public static void createCertificate(Path keyStore, Path trustStore, String password) throws IOException {
        Path certificate = keyStore.resolveSibling(keyStore.getFileName() + ".crt");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "service", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", password);
        run(keytool, "-exportcert", "-alias", "service", "-keystore", keyStore.toString(), "-storepass", password,
                "-rfc", "-file", certificate.toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "service", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", password);
    }

    public Path keyStore() {
        return keyStore;
    }

    public Path trustStore() {
        return trustStore;
    }

    /** The password of both stores. */
    public String storePassword() {
        return storePassword;
    }

    public String kafkaPassword() {
        return kafkaPassword;
    }

    /** The broker's own SCRAM password, for its inter-broker listener. */
    String kafkaBrokerPassword() {
        return kafkaBrokerPassword;
    }

    public String elasticsearchPassword() {
        return elasticsearchPassword;
    }

    /** Every secret, for tests that search logs and outputs for them. */
    public Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("store password", storePassword);
        secrets.put("Kafka password", kafkaPassword);
        secrets.put("Kafka broker password", kafkaBrokerPassword);
        secrets.put("Elasticsearch password", elasticsearchPassword);
        return secrets;
    }

    /** Kafka client settings for the SASL_SSL listener, as kafka.* client properties. */
    public Map<String, String> kafkaClientProperties() {
        return kafkaClientProperties(KAFKA_USER, kafkaPassword);
    }

    Map<String, String> kafkaClientProperties(String user, String password) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", SCRAM);
        properties.put("sasl.jaas.config", scramLogin(user, password));
        properties.put("ssl.truststore.location", trustStore.toString());
        properties.put("ssl.truststore.password", storePassword);
        properties.put("ssl.truststore.type", "PKCS12");
        return properties;
    }

    static String scramLogin(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** A TLS context that trusts the stack's certificate, for the readiness probes. */
    SSLContext sslContext() {
        try {
            java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(trustStore)) {
                trusted.load(in, storePassword.toCharArray());
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + trustStore, e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return "s" + HexFormat.of().formatHex(bytes);
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(command[0] + " " + command[1] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command[0], e);
        }
    }

    @Override
    public String toString() {
        return "StackSecurity[" + keyStore.getParent() + "]";
    }
}
