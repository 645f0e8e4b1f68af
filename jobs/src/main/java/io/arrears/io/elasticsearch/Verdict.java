package io.arrears.io.elasticsearch;

/**
 * What becomes of a document after Elasticsearch answered. Only a 400 (a mapping conflict, a value it cannot
 * parse, a bad id) or a 413 (too large) is about the document itself; every other failure can come right
 * without changing it: 429 and 5xx (overloaded, restarting), 401 and 403 (credentials, privileges, an index
 * made read-only when a disk filled up), 404 (an index an operator deleted while auto-creation is off).
 */
enum Verdict {
    WRITTEN,
    /** Elasticsearch holds this version or a newer one already (409 on an external version): nothing to do. */
    STALE,
    RETRY,
    /** Sending it again would be refused again: it goes to the dead-letter output. */
    REFUSED;

    private static final int BAD_REQUEST = 400;
    private static final int CONFLICT = 409;
    private static final int TOO_LARGE = 413;

    /** One item of a bulk response. */
    static Verdict ofItem(int status) {
        if (status >= 200 && status < 300) {
            return WRITTEN;
        }
        return status == CONFLICT ? STALE : ofRequest(status);
    }

    /**
     * A whole bulk request answered with {@code status}: REFUSED means one of its documents may be at fault
     * (the writer splits the request to find it); a status below 0 stands for no answer at all.
     */
    static Verdict ofRequest(int status) {
        return status == BAD_REQUEST || status == TOO_LARGE ? REFUSED : RETRY;
    }
}
