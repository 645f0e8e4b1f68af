package io.arrears.stack;

/** The services a {@link LocalStack} can run. */
public enum Service {
    KAFKA("Kafka broker"),
    SCHEMA_REGISTRY("Schema registry (Apicurio)"),
    ELASTICSEARCH("Elasticsearch");

    private final String displayName;

    Service(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
