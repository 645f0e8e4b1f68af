package io.arrears.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;

/**
 * A single-node Elasticsearch 8 bound to loopback, with security off, or secured: x-pack security on, HTTPS with
 * the stack's certificate and a file-realm superuser. No API key: this distribution lacks the analysis-common
 * module that the security index's mapping needs, so nothing stored in that index (API keys, native users) works.
 *
 * <p>Elasticsearch refuses to run as root. When this JVM is root (CI is), the server runs as uid/gid 65534
 * through setpriv, on a run folder that user owns; the distribution itself is shared read-only, with only
 * the config folder copied per run (Elasticsearch writes its keystore there).
 */
final class Elasticsearch extends LocalService {

    private static final int UNPRIVILEGED_ID = 65534;

    private final Path distribution;
    private final int transportPort;
    private final StackSecurity security;

    Elasticsearch(int port, int transportPort, Path distribution, StackSecurity security) {
        super(Service.ELASTICSEARCH, port);
        this.transportPort = transportPort;
        this.distribution = distribution;
        this.security = security;
    }

    @Override
    void launch(Path runDirectory) {
        boolean root = new UnixSystem().getUid() == 0;
        Path home = distribution;
        Path run = runDirectory.resolve("elasticsearch");
        try {
            if (root) {
                home = reachableByEveryone(home) ? home : sharedCopy(home);
                run = reachableByEveryone(runDirectory) ? run
                        : Files.createTempDirectory(Path.of("/tmp"), "arrears-elasticsearch-");
            }
            for (String folder : List.of("data", "logs", "tmp")) {
                Files.createDirectories(run.resolve(folder));
            }
            copyTree(home.resolve("config"), run.resolve("config"));
            if (security != null) {
                secure(home, run.resolve("config"));
            }
            if (root) {
                run("chown", "-R", UNPRIVILEGED_ID + ":" + UNPRIVILEGED_ID, run.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + run + ": " + e.getMessage(), e);
        }

        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
                    "--clear-groups", "--pdeathsig", "SIGTERM"));
        }
        command.addAll(List.of("bash", home.resolve("bin/elasticsearch").toString(),
                "-E", "cluster.name=arrears-local",
                "-E", "node.name=arrears-local",
                "-E", "discovery.type=single-node",
                "-E", "xpack.security.enabled=" + (security != null),
                "-E", "http.host=127.0.0.1",
                "-E", "transport.host=127.0.0.1",
                "-E", "http.port=" + port,
                "-E", "transport.port=" + transportPort,
                "-E", "path.data=" + run.resolve("data"),
                "-E", "path.logs=" + run.resolve("logs"),
                // A nearly full developer disk must not turn the local indices read-only.
                "-E", "cluster.routing.allocation.disk.threshold_enabled=false"));
        if (security != null) {
            command.addAll(List.of("-E", "xpack.security.http.ssl.enabled=true",
                    "-E", "xpack.security.http.ssl.keystore.path=http.p12"));
        }
        Map<String, String> environment = Map.of(
                "ES_JAVA_HOME", System.getProperty("java.home"),
                "ES_PATH_CONF", run.resolve("config").toString(),
                "ES_TMPDIR", run.resolve("tmp").toString(),
                "ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        Path log = runDirectory.resolve("elasticsearch.log");
        process = ManagedProcess.start("elasticsearch", command, environment, runDirectory, log);
    }

    /**
     * The certificate (Elasticsearch reads TLS files only from its config folder), the key store password in
     * its keystore, and the superuser in the file realm, all before the start.
     */
    private void secure(Path home, Path config) throws IOException {
        Files.copy(security.keyStore(), config.resolve("http.p12"));
        Map<String, String> environment = Map.of("ES_JAVA_HOME", System.getProperty("java.home"),
                "ES_PATH_CONF", config.toString());
        tool(environment, security.storePassword(), "bash", home.resolve("bin/elasticsearch-keystore").toString(),
                "add", "-x", "-f", "xpack.security.http.ssl.keystore.secure_password");
        tool(environment, null, "bash", home.resolve("bin/elasticsearch-users").toString(), "useradd",
                StackSecurity.ELASTICSEARCH_USER, "-p", security.elasticsearchPassword(), "-r", "superuser");
    }

    @Override
    boolean isReady() throws Exception {
        // GET / answers 405 on this distribution; cluster health is the reliable probe.
        Http.Response health = security == null ? Http.get(endpoint() + "/_cluster/health")
                : Http.send("GET", endpoint() + "/_cluster/health", null, basicAuthorization(), security.sslContext());
        return health.status() == 200 && !health.body().contains("\"status\":\"red\"");
    }

    private String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((StackSecurity.ELASTICSEARCH_USER + ":"
                + security.elasticsearchPassword()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    String endpoint() {
        return (security == null ? "http" : "https") + "://127.0.0.1:" + port;
    }

    @Override
    List<Integer> ports() {
        return List.of(port, transportPort);
    }

    @Override
    Duration stopGrace() {
        return Duration.ofSeconds(30);
    }

    /** True if an unprivileged user can reach the path: every folder on the way must be searchable by others. */
    private static boolean reachableByEveryone(Path path) throws IOException {
        for (Path folder = path.toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (!Files.getPosixFilePermissions(folder).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    /** A root-owned copy readable by everyone, made once per distribution and reused. */
    private static Path sharedCopy(Path home) throws IOException {
        Path copy = Path.of("/tmp", "arrears-" + home.getFileName());
        if (!Files.exists(copy.resolve(".complete"))) {
            run("rm", "-rf", copy.toString());
            run("cp", "-a", home.toString(), copy.toString());
            run("chmod", "-R", "o+rX", copy.toString());
            Files.createFile(copy.resolve(".complete"));
        }
        return copy;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        run("cp", "-a", from.toString(), to.toString());
    }

    /** Runs one of the distribution's command-line tools, with {@code input} on its standard input. */
    private static void tool(Map<String, String> environment, String input, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write((input + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(Path.of(command[1]).getFileName() + " " + command[2] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command[1], e);
        }
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            boolean done = process.waitFor(120, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes());
            if (!done || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
