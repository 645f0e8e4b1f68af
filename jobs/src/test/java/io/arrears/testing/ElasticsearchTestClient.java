package io.arrears.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.io.files.AvroJson;

/** Reads documents back from the real Elasticsearch. */
public final class ElasticsearchTestClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ElasticsearchTestClient() {
    }

    /** Every document of {@code index} (up to 10,000), after a refresh. */
    public static List<JsonNode> all(ArrearsConfig config, String index) throws Exception {
        post(config, "/" + index + "/_refresh", null);
        JsonNode result = post(config, "/" + index + "/_search?size=10000", "{\"query\":{\"match_all\":{}}}");
        List<JsonNode> documents = new ArrayList<>();
        result.at("/hits/hits").forEach(hit -> documents.add(hit.get("_source")));
        return documents;
    }

    /** POSTs {@code body} (JSON, or none when null) to {@code path}; fails on an error status. */
    public static JsonNode post(ArrearsConfig config, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(config.elasticsearchHosts().get(0) + path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    public static JsonNode get(ArrearsConfig config, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(config.elasticsearchHosts().get(0) + path)).GET());
    }

    private static JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Elasticsearch answered " + response.statusCode() + ": " + response.body());
        }
        return AvroJson.parse(response.body());
    }
}
