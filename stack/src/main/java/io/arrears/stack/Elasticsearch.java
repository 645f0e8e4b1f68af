package io.arrears.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;

/**
 * A single-node Elasticsearch 8 with security off, bound to loopback.
 *
 * <p>Elasticsearch refuses to run as root. When this JVM is root (CI is), the server runs as uid/gid 65534
 * through setpriv, on a run folder that user owns; the distribution itself is shared read-only, with only
 * the config folder copied per run (Elasticsearch writes its keystore there).
 */
final class Elasticsearch extends LocalService {

    private static final int UNPRIVILEGED_ID = 65534;

    private final Path distribution;
    private final int transportPort;

    Elasticsearch(int port, int transportPort, Path distribution) {
        super(Service.ELASTICSEARCH, port);
        this.transportPort = transportPort;
        this.distribution = distribution;
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
                "-E", "xpack.security.enabled=false",
                "-E", "http.host=127.0.0.1",
                "-E", "transport.host=127.0.0.1",
                "-E", "http.port=" + port,
                "-E", "transport.port=" + transportPort,
                "-E", "path.data=" + run.resolve("data"),
                "-E", "path.logs=" + run.resolve("logs"),
                // A nearly full developer disk must not turn the local indices read-only.
                "-E", "cluster.routing.allocation.disk.threshold_enabled=false"));
        Map<String, String> environment = Map.of(
                "ES_JAVA_HOME", System.getProperty("java.home"),
                "ES_PATH_CONF", run.resolve("config").toString(),
                "ES_TMPDIR", run.resolve("tmp").toString(),
                "ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        Path log = runDirectory.resolve("elasticsearch.log");
        process = ManagedProcess.start("elasticsearch", command, environment, runDirectory, log);
    }

    @Override
    boolean isReady() throws Exception {
        // GET / answers 405 on this distribution; cluster health is the reliable probe.
        Http.Response health = Http.get(endpoint() + "/_cluster/health");
        return health.status() == 200 && !health.body().contains("\"status\":\"red\"");
    }

    @Override
    String endpoint() {
        return "http://127.0.0.1:" + port;
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
