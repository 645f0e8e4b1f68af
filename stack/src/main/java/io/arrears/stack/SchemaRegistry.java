package io.arrears.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Apicurio Registry 2.6 serving the Confluent Schema Registry API at /apis/ccompat/v7. */
final class SchemaRegistry extends LocalService {

    private static final String COMPATIBILITY = "BACKWARD";

    private final Path jar;

    SchemaRegistry(int port, Path jar) {
        super(Service.SCHEMA_REGISTRY, port);
        this.jar = jar;
    }

    @Override
    void launch(Path runDirectory) {
        Path home = runDirectory.resolve("registry");
        try {
            Files.createDirectories(home.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(
                javaExecutable().toString(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + home.resolve("tmp"),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // Apicurio defaults to NONE; Confluent's registry, which users run, defaults to BACKWARD.
                "-Dregistry.rules.global.compatibility=" + COMPATIBILITY,
                "-jar", jar.toString());
        process = ManagedProcess.start("registry", command, Map.of(), home, home.resolve("registry.log"));
    }

    @Override
    boolean isReady() throws Exception {
        return Http.get(endpoint() + "/subjects").status() == 200;
    }

    @Override
    void configure() throws Exception {
        // The global rule is enforced from the start, but the ccompat config endpoint reports NONE until it
        // is set explicitly; clients that read it must see what is enforced.
        Http.Response response = Http.putJson(endpoint() + "/config",
                "{\"compatibility\":\"" + COMPATIBILITY + "\"}");
        if (response.status() != 200) {
            throw new IllegalStateException("PUT /config answered " + response.status() + ": " + response.body());
        }
    }

    @Override
    String endpoint() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }
}
