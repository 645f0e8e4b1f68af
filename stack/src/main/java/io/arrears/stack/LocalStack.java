package io.arrears.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Kafka, schema registry and Elasticsearch on free loopback ports, as child processes of this JVM.
 *
 * <p>Services start in parallel. A service that cannot start fails the start within its timeout, with a
 * message naming the service, the cause (exit, timeout, port clash) and the tail of its log; whatever did
 * start is stopped again. {@link #close()} stops everything; the processes also die with this JVM, even when
 * it is killed (see {@link ManagedProcess}).
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final int LOG_TAIL_LINES = 25;

    private final Path runDirectory;
    private final Distributions distributions;
    private final Map<Service, Integer> requestedPorts;
    private final Duration startTimeout;
    private final Map<Service, LocalService> running = new EnumMap<>(Service.class);
    private final StackSecurity security;
    private boolean closed;

    private LocalStack(Builder builder) {
        this.distributions = builder.distributions != null ? builder.distributions : Distributions.fromBuild();
        this.requestedPorts = new EnumMap<>(builder.ports);
        this.startTimeout = builder.startTimeout;
        String run = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        this.runDirectory = builder.workDirectory.toAbsolutePath().resolve(run);
        this.security = builder.secured ? new StackSecurity(runDirectory.resolve("security")) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the given services that are not running yet and waits until all of them are ready. */
    public synchronized LocalStack ensureStarted(Set<Service> services) {
        if (closed) {
            throw new IllegalStateException("the local stack is closed");
        }
        EnumSet<Service> missing = EnumSet.noneOf(Service.class);
        missing.addAll(services);
        missing.removeAll(running.keySet());
        if (missing.isEmpty()) {
            return this;
        }
        try {
            Files.createDirectories(runDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + runDirectory, e);
        }
        // Slowest first, so its start overlaps the others'.
        List<Service> order = missing.stream().sorted(Comparator.comparing(LocalStack::typicalStartRank)).toList();
        Map<Service, Instant> deadlines = new EnumMap<>(Service.class);
        List<LocalService> started = new ArrayList<>();
        try {
            for (Service service : order) {
                LocalService handle = create(service);
                LOG.info("Starting {} on 127.0.0.1:{}", service.displayName(), handle.port);
                started.add(handle);
                handle.launch(runDirectory);
                deadlines.put(service, Instant.now().plus(startTimeout));
            }
            for (LocalService handle : started) {
                awaitReady(handle, deadlines.get(handle.service));
                LOG.info("{} ready at {}", handle.service.displayName(), handle.endpoint());
            }
        } catch (RuntimeException e) {
            started.forEach(this::stopQuietly);
            throw e;
        }
        started.forEach(handle -> running.put(handle.service, handle));
        return this;
    }

    private static int typicalStartRank(Service service) {
        return switch (service) {
            case ELASTICSEARCH -> 0;
            case SCHEMA_REGISTRY -> 1;
            case KAFKA -> 2;
        };
    }

    private LocalService create(Service service) {
        int port = requestedPorts.getOrDefault(service, 0);
        int chosen = port > 0 ? port : Ports.freePort();
        return switch (service) {
            case KAFKA -> new KafkaBroker(chosen, Ports.freePort(), distributions.kafkaClasspath(), security);
            case SCHEMA_REGISTRY -> new SchemaRegistry(chosen, distributions.apicurioJar());
            case ELASTICSEARCH -> new Elasticsearch(chosen, Ports.freePort(), distributions.elasticsearchHome(),
                    security);
        };
    }

    private void awaitReady(LocalService handle, Instant deadline) {
        Exception lastProbeFailure = null;
        try {
            while (true) {
                if (!handle.process.isAlive()) {
                    throw failure(handle, "exited with code " + handle.process.exitValue() + " before it was ready");
                }
                try {
                    if (handle.isReady()) {
                        handle.configure();
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LocalStackException(handle.service, "start was interrupted", e);
                } catch (Exception e) {
                    lastProbeFailure = e;
                }
                if (Instant.now().isAfter(deadline)) {
                    String probe = lastProbeFailure == null ? "" : " (last probe: " + lastProbeFailure + ")";
                    throw failure(handle, "was not ready within " + startTimeout.toSeconds() + " s" + probe);
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException(handle.service, "start was interrupted", e);
        } finally {
            handle.closeProbe();
        }
    }

    private LocalStackException failure(LocalService handle, String what) {
        handle.process.stop(Duration.ofSeconds(5));
        List<Integer> clashes = handle.ports().stream().filter(Ports::isInUse).toList();
        String clash = clashes.isEmpty() ? "" : "; port " + clashes.stream().map(p -> "127.0.0.1:" + p)
                .collect(Collectors.joining(", ")) + " is already in use by another process";
        return new LocalStackException(handle.service, what + clash + ". Last lines of "
                + handle.process.logFile() + ":\n" + handle.process.logTail(LOG_TAIL_LINES));
    }

    /**
     * Stops a running service and starts it again on the same ports with its data kept, as an operator
     * restarts a node; returns once it is ready again.
     */
    public synchronized void restart(Service service) {
        LocalService handle = running.get(service);
        if (handle == null) {
            throw new IllegalStateException(service.displayName() + " is not part of this local stack");
        }
        LOG.info("Restarting {} on 127.0.0.1:{}", service.displayName(), handle.port);
        handle.process.stop(handle.stopGrace());
        handle.relaunch(runDirectory);
        awaitReady(handle, Instant.now().plus(startTimeout));
        LOG.info("{} ready again at {}", service.displayName(), handle.endpoint());
    }

    public synchronized boolean isRunning(Service service) {
        return running.containsKey(service);
    }

    /** host:port of the Kafka broker. */
    public String kafkaBootstrapServers() {
        return endpoint(Service.KAFKA);
    }

    /** Base URL of the Confluent-compatible schema registry API. */
    public String schemaRegistryUrl() {
        return endpoint(Service.SCHEMA_REGISTRY);
    }

    /** Base URL of Elasticsearch. */
    public String elasticsearchUrl() {
        return endpoint(Service.ELASTICSEARCH);
    }

    /** Process ids of every service process and its descendants, for checks that nothing outlives the stack. */
    public synchronized List<Long> processIds() {
        return running.values().stream()
                .flatMap(handle -> Stream.concat(Stream.of(handle.process.pid()),
                        ProcessHandle.of(handle.process.pid()).stream()
                                .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid)))
                .toList();
    }

    /** The certificates and credentials of a {@link Builder#secured() secured} stack; null for a plain one. */
    public StackSecurity security() {
        return security;
    }

    public Path runDirectory() {
        return runDirectory;
    }

    private synchronized String endpoint(Service service) {
        LocalService handle = running.get(service);
        if (handle == null) {
            throw new IllegalStateException(service.displayName() + " is not part of this local stack");
        }
        return handle.endpoint();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running.values().parallelStream().forEach(this::stopQuietly);
        running.clear();
        deleteRecursively(runDirectory);
    }

    private void stopQuietly(LocalService handle) {
        if (handle.process != null) {
            handle.process.stop(handle.stopGrace());
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", root, e.getMessage());
        }
    }

    public static final class Builder {
        private Path workDirectory = Path.of(System.getProperty("arrears.stack.workdir",
                Path.of(System.getProperty("java.io.tmpdir"), "arrears-stack").toString()));
        private Distributions distributions;
        private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
        private Duration startTimeout = Duration.ofSeconds(120);
        private boolean secured;

        private Builder() {
        }

        /**
         * Kafka on SASL_SSL with SCRAM-SHA-512 and Elasticsearch with x-pack security (HTTPS, a file-realm user,
         * an API key), both with a fresh self-signed certificate ({@link LocalStack#security()}). The registry
         * stays plain.
         */
        public Builder secured() {
            this.secured = true;
            return this;
        }

        /** Folder under which each stack gets its own run folder (data, logs), removed on close. */
        public Builder workDirectory(Path workDirectory) {
            this.workDirectory = workDirectory;
            return this;
        }

        /** A fixed loopback port for a service instead of a free one. */
        public Builder port(Service service, int port) {
            ports.put(service, port);
            return this;
        }

        public Builder distributions(Distributions distributions) {
            this.distributions = distributions;
            return this;
        }

        /** How long each service may take to become ready. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** Starts the given services. */
        public LocalStack start(Set<Service> services) {
            return new LocalStack(this).ensureStarted(services);
        }

        /** A stack with nothing started yet; see {@link LocalStack#ensureStarted(Set)}. */
        public LocalStack build() {
            return new LocalStack(this);
        }
    }
}
