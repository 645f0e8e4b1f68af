package io.arrears.io.registry;

import org.apache.flink.formats.avro.SchemaCoder;

/** Builds the coder on the task manager, where the (non-serializable) registry client lives. */
public final class ConfluentSchemaCoderProvider implements SchemaCoder.SchemaCoderProvider {

    private static final long serialVersionUID = 1L;

    private final RegistrySettings settings;
    private final String subject;

    /** @param subject where written schemas are registered; null for reading only */
    public ConfluentSchemaCoderProvider(RegistrySettings settings, String subject) {
        this.settings = settings;
        this.subject = subject;
    }

    /** The subject of a topic's values under the default TopicNameStrategy. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    @Override
    public SchemaCoder get() {
        return new ConfluentSchemaCoder(settings.newClient(), subject);
    }
}
