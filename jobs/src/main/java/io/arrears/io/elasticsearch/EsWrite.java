package io.arrears.io.elasticsearch;

import java.io.Serializable;

/**
 * One document write: the whole document under a deterministic id, with an external version that grows with
 * the entity's history, so Elasticsearch ignores a write older than (or equal to) what it holds. Of two writes
 * of one document only the one with the higher version matters.
 */
public record EsWrite(String index, String id, long version, byte[] json) implements Serializable {

    /** What the write holds in memory, roughly: its document and its names. */
    long bytes() {
        return json.length + 2L * (id.length() + index.length()) + 64;
    }
}
