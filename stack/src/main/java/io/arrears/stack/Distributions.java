package io.arrears.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the service binaries are. The build unpacks them under stack/target/dist and records the paths in
 * stack.properties; a system property {@code arrears.stack.<key>} overrides any entry.
 */
public record Distributions(Path elasticsearchHome, Path apicurioJar, String kafkaClasspath) {

    private static final String RESOURCE = "/io/arrears/stack/stack.properties";

    public static Distributions fromBuild() {
        Properties properties = new Properties();
        try (InputStream in = Distributions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: build the stack module with ./mvnw install");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Distributions(
                Path.of(value(properties, "elasticsearch.home")),
                Path.of(value(properties, "apicurio.jar")),
                value(properties, "kafka.classpath"));
    }

    private static String value(Properties properties, String key) {
        String value = System.getProperty("arrears.stack." + key, properties.getProperty(key));
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException("stack.properties has no value for " + key
                    + ": build with ./mvnw install from the project root, or set -Darrears.stack." + key);
        }
        return value;
    }
}
