package io.arrears.testing;

import java.util.ArrayList;
import java.util.List;

import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.io.elasticsearch.ElasticsearchSettings;
import io.arrears.io.files.AvroJson;

/**
 * Reads documents back from the real Elasticsearch, with the configuration's hosts, credentials and trust
 * store (the job's own client settings).
 */
public final class ElasticsearchTestClient {

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
        Request request = new Request("POST", path);
        if (body != null) {
            request.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        }
        return send(config, request);
    }

    public static JsonNode get(ArrearsConfig config, String path) throws Exception {
        return send(config, new Request("GET", path));
    }

    private static JsonNode send(ArrearsConfig config, Request request) throws Exception {
        try (RestClient client = ElasticsearchSettings.from(config).newRestClient()) {
            Response response = client.performRequest(request);
            return AvroJson.parse(EntityUtils.toString(response.getEntity()));
        } catch (ResponseException e) {
            throw new IllegalStateException("Elasticsearch answered " + e.getResponse().getStatusLine().getStatusCode()
                    + ": " + EntityUtils.toString(e.getResponse().getEntity()), e);
        }
    }
}
