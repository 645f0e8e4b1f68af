package io.arrears.io.elasticsearch;

import java.io.Serializable;

/**
 * One document write: the whole document under a deterministic id, with an external version that grows with
 * the entity's history, so Elasticsearch ignores a write older than (or equal to) what it holds.
 *
 * @param attempts how often this write has been sent already
 */
public record EsWrite(String index, String id, long version, byte[] json, int attempts) implements Serializable {

    EsWrite retried() {
        return new EsWrite(index, id, version, json, attempts + 1);
    }
}
