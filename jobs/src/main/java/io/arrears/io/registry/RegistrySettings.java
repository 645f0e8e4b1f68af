package io.arrears.io.registry;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.SchemaRegistryClient;

/**
 * How to reach the schema registry: one or more base URLs (comma-separated), and the credentials and trust a
 * real deployment needs. Secrets never appear in {@link #toString()}.
 *
 * @param basicAuthUserInfo "user:password" for HTTP basic auth, or null
 * @param bearerToken a static bearer token, or null
 * @param truststoreLocation a trust store for TLS with a private CA, or null for the JVM's default
 */
public record RegistrySettings(
        String urls,
        String basicAuthUserInfo,
        String bearerToken,
        String truststoreLocation,
        String truststorePassword,
        String truststoreType,
        int cacheCapacity) implements Serializable {

    public static RegistrySettings of(String urls) {
        return new RegistrySettings(urls, null, null, null, null, "JKS", 1000);
    }

    /** The Confluent client's own configuration keys. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        if (basicAuthUserInfo != null) {
            config.put("basic.auth.credentials.source", "USER_INFO");
            config.put("basic.auth.user.info", basicAuthUserInfo);
        }
        if (bearerToken != null) {
            config.put("bearer.auth.credentials.source", "STATIC_TOKEN");
            config.put("bearer.auth.token", bearerToken);
        }
        if (truststoreLocation != null) {
            config.put("schema.registry.ssl.truststore.location", truststoreLocation);
            config.put("schema.registry.ssl.truststore.type", truststoreType);
            if (truststorePassword != null) {
                config.put("schema.registry.ssl.truststore.password", truststorePassword);
            }
        }
        return config;
    }

    public List<String> urlList() {
        return Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public SchemaRegistryClient newClient() {
        return new CachedSchemaRegistryClient(urlList(), cacheCapacity, clientConfig());
    }

    @Override
    public String toString() {
        return "RegistrySettings[urls=" + urls
                + ", basicAuth=" + (basicAuthUserInfo == null ? "none" : "set")
                + ", bearerToken=" + (bearerToken == null ? "none" : "set")
                + ", truststore=" + (truststoreLocation == null ? "JVM default" : truststoreLocation) + "]";
    }
}
