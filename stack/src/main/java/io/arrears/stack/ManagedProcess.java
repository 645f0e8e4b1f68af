package io.arrears.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service process that cannot outlive the JVM that started it.
 *
 * <p>The command runs under a small sh watchdog that holds this JVM's end of a pipe on its stdin. Closing the
 * pipe is a clean stop: the watchdog sends SIGTERM to the service and waits for it. If this JVM dies, even by
 * SIGKILL, the kernel closes the pipe and the same happens, so no service is left orphaned. When the service
 * exits on its own, the watchdog exits with its status, so a crash is seen at once.
 */
final class ManagedProcess {

    private static final String WATCHDOG = String.join("\n",
            "exec 3<&0",
            "\"$@\" 3<&- &",
            "child=$!",
            "( while read -r _ <&3; do :; done; kill -TERM \"$child\" 2>/dev/null ) &",
            "guard=$!",
            "wait \"$child\"",
            "status=$?",
            "kill \"$guard\" 2>/dev/null",
            "exit $status");

    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+(at |\\.\\.\\. \\d+ more)");

    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
                                Path workingDirectory, Path logFile) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "watchdog-" + name));
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // The services must not pick up this JVM's agents, options or class path (a test runner may pass the
        // latter in CLASSPATH, which Elasticsearch, running as another user, cannot even read).
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().putAll(environment);
        try {
            return new ManagedProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + name + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the process to end by itself; true if it did within the timeout. */
    boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    /**
     * The last lines the service wrote, for error messages. Stack frames are left out: a JVM service's last
     * lines are often one long trace whose frames would crowd out the messages that say what went wrong.
     */
    String logTail(int lines) {
        Deque<String> tail = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(logFile, StandardCharsets.UTF_8)) {
            all.filter(line -> !STACK_FRAME.matcher(line).find()).forEach(line -> {
                if (tail.size() == lines) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
        return tail.isEmpty() ? "(log " + logFile + " is empty)" : String.join("\n", tail);
    }

    /** Asks the service to stop, waits up to {@code grace}, then kills it and everything it started. */
    void stop(Duration grace) {
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.flush();
        } catch (IOException alreadyClosed) {
            // The watchdog is gone already; the kill below covers what is left.
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
            }
            for (ProcessHandle handle : tree) {
                handle.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + logFile + ")";
    }
}
