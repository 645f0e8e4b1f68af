package io.arrears.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ConfigurationDocsTest {

    @Test
    void docsConfigurationMdIsGeneratedFromTheOptions() throws Exception {
        Path docs = Path.of("..", "docs", "configuration.md");
        assertThat(Files.readString(docs))
                .as("docs/configuration.md is stale: regenerate it with "
                        + "java -cp ... io.arrears.config.ConfigurationDocs docs/configuration.md "
                        + "(or run bin/arrears config-docs)")
                .isEqualTo(ConfigurationDocs.markdown());
    }
}
