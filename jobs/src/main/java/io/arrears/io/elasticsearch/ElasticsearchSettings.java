package io.arrears.io.elasticsearch;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.io.tls.TrustStore;

/** How to reach Elasticsearch and how hard to try; secrets never appear in {@link #toString()}. */
public record ElasticsearchSettings(
        List<String> hosts,
        String username,
        String password,
        String apiKey,
        TrustStore trustStore,
        Duration retryBackoff) implements Serializable {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    public static ElasticsearchSettings from(ArrearsConfig config) {
        return new ElasticsearchSettings(config.elasticsearchHosts(),
                config.get(ArrearsOptions.ELASTICSEARCH_USERNAME),
                config.get(ArrearsOptions.ELASTICSEARCH_PASSWORD),
                config.get(ArrearsOptions.ELASTICSEARCH_API_KEY),
                config.get(ArrearsOptions.ELASTICSEARCH_TRUSTSTORE_LOCATION) == null ? null
                        : new TrustStore(config.get(ArrearsOptions.ELASTICSEARCH_TRUSTSTORE_LOCATION),
                                config.get(ArrearsOptions.ELASTICSEARCH_TRUSTSTORE_PASSWORD),
                                config.get(ArrearsOptions.ELASTICSEARCH_TRUSTSTORE_TYPE)),
                config.get(ArrearsOptions.ELASTICSEARCH_RETRY_BACKOFF));
    }

    /** Pause after the {@code attempt}th failure in a row (1-based): doubling, capped at 30 s. */
    Duration backoff(int attempt) {
        long millis = retryBackoff.toMillis() << Math.min(attempt - 1, 20);
        return millis > MAX_BACKOFF.toMillis() ? MAX_BACKOFF : Duration.ofMillis(millis);
    }

    public RestClient newRestClient() {
        RestClientBuilder builder = RestClient.builder(hosts.stream().map(HttpHost::create).toArray(HttpHost[]::new));
        if (apiKey != null) {
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)});
        }
        builder.setHttpClientConfigCallback(http -> {
            if (username != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(username, password));
                http.setDefaultCredentialsProvider(credentials);
            }
            if (trustStore != null) {
                http.setSSLContext(trustStore.sslContext("Elasticsearch"));
            }
            return http;
        });
        return builder.build();
    }

    @Override
    public String toString() {
        return "ElasticsearchSettings[hosts=" + hosts
                + ", auth=" + (apiKey != null ? "api key" : username != null ? "user " + username : "none")
                + ", truststore=" + (trustStore == null ? "JVM default" : trustStore)
                + "]";
    }
}
