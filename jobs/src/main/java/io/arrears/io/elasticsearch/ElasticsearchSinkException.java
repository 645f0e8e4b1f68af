package io.arrears.io.elasticsearch;

/** Elasticsearch refused a document for good, or stayed unreachable beyond the retries. */
public final class ElasticsearchSinkException extends RuntimeException {

    public ElasticsearchSinkException(String message) {
        super(message);
    }

    public ElasticsearchSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
