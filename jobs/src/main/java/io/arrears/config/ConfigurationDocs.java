package io.arrears.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;

/** Writes docs/configuration.md from {@link ArrearsOptions}: {@code ConfigurationDocs path/to/configuration.md}. */
public final class ConfigurationDocs {

    private ConfigurationDocs() {
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), markdown(), StandardCharsets.UTF_8);
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n")
                .append("<!-- Generated from io.arrears.config.ArrearsOptions by ConfigurationDocs; do not edit. -->\n\n")
                .append("Every option of the Arrears jobs. Give them in a file of `key: value` lines with ")
                .append("`--config FILE`, or as `--key value` arguments, which win over the file. An unknown ")
                .append("option or a bad value stops the job before it starts, naming the option.\n\n")
                .append("Any Kafka client setting can be added with the prefix `")
                .append(ArrearsOptions.KAFKA_PROPERTIES_PREFIX)
                .append("`, for example `kafka.properties.security.protocol: SASL_SSL`; it is passed to every ")
                .append("consumer, producer and admin client.\n\n")
                .append("| Option | Default | Type | Description |\n")
                .append("|---|---|---|---|\n");
        for (ConfigOption<?> option : ArrearsOptions.all()) {
            md.append("| `").append(option.key()).append("` | ")
                    .append(option.hasDefaultValue() ? "`" + format(option.defaultValue()) + "`" : "(none)")
                    .append(" | ").append(typeName(option)).append(" | ")
                    .append(new HtmlFormatter().format(option.description()).replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    private static String format(Object value) {
        if (value instanceof java.time.Duration duration) {
            long seconds = duration.toSeconds();
            return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
        }
        return String.valueOf(value);
    }

    private static String typeName(ConfigOption<?> option) {
        Class<?> type = option.hasDefaultValue() ? option.defaultValue().getClass() : String.class;
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                values.append(values.length() == 0 ? "" : ", ").append(constant);
            }
            return "one of " + values;
        }
        return type.getSimpleName();
    }
}
