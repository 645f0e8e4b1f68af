package io.arrears.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One service of the stack: how to launch it, how to tell it is ready, where clients reach it. */
abstract class LocalService {

    final Service service;
    final int port;
    ManagedProcess process;

    LocalService(Service service, int port) {
        this.service = service;
        this.port = port;
    }

    /** Starts the process without waiting for it to be ready. */
    abstract void launch(Path runDirectory);

    /** Starts the process again after it was stopped, keeping its data. */
    void relaunch(Path runDirectory) {
        launch(runDirectory);
    }

    /** True once clients can use the service; exceptions count as "not yet". */
    abstract boolean isReady() throws Exception;

    /** Settings that must be made through the service's API once it is up. */
    void configure() throws Exception {
    }

    /** The address clients use. */
    abstract String endpoint();

    /** Every loopback port the service binds, for diagnosing clashes. */
    List<Integer> ports() {
        return List.of(port);
    }

    Duration stopGrace() {
        return Duration.ofSeconds(20);
    }

    /** Releases client resources used by the readiness probe. */
    void closeProbe() {
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
