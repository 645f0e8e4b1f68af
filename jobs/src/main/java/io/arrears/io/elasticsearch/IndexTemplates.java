package io.arrears.io.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The index templates of the Arrears indices (mappings in src/main/resources/elasticsearch). Put at every
 * start, so that indices created later get the current mappings; an index that exists already gets new fields
 * added to its mapping. Mappings are strict: a document with a field they do not know is refused.
 */
public record IndexTemplates(String index, String mappingsResource) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static IndexTemplates alerts(String index) {
        return new IndexTemplates(index, "/elasticsearch/alerts.mappings.json");
    }

    public static IndexTemplates customers(String index) {
        return new IndexTemplates(index, "/elasticsearch/customers.mappings.json");
    }

    public static IndexTemplates disputes(String index) {
        return new IndexTemplates(index, "/elasticsearch/disputes.mappings.json");
    }

    public static IndexTemplates kpis(String index) {
        return new IndexTemplates(index, "/elasticsearch/kpis.mappings.json");
    }

    public JsonNode mappings() {
        try (InputStream in = IndexTemplates.class.getResourceAsStream(mappingsResource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + mappingsResource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean exists(RestClient client) throws IOException {
        try {
            return client.performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200;
        } catch (ResponseException notFound) {
            return false;
        }
    }

    /** Puts the template and extends an existing index's mapping. */
    public void install(RestClient client) throws IOException {
        ObjectNode template = JSON.createObjectNode();
        template.putArray("index_patterns").add(index);
        ObjectNode body = template.putObject("template");
        body.set("mappings", mappings());
        Request put = new Request("PUT", "/_index_template/" + index);
        put.setJsonEntity(JSON.writeValueAsString(template));
        client.performRequest(put);
        if (!exists(client)) {
            return;
        }
        Request mapping = new Request("PUT", "/" + index + "/_mapping");
        mapping.setJsonEntity(JSON.writeValueAsString(mappings()));
        client.performRequest(mapping);
    }
}
