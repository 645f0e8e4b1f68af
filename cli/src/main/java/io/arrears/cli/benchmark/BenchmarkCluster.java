package io.arrears.cli.benchmark;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

import io.arrears.pipeline.JobEnvironment;

/**
 * One Flink cluster in this JVM for every run of the benchmark, so that runs share its start-up and the
 * benchmark can watch their tasks and metrics. Jobs reach it as a remote cluster through its REST endpoint,
 * which is how replay's collect sink and savepoints work unchanged.
 */
final class BenchmarkCluster implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);

    private final MiniCluster cluster;
    private final URI rest;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "benchmark-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** @param slots task slots: the parallelism of the jobs, run one at a time */
    BenchmarkCluster(int slots) throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.BIND_PORT, "0");
        configuration.set(RestOptions.ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        configuration.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        // The same RocksDB memory as every local run (replay, demo): for the job and the baseline alike.
        configuration.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, JobEnvironment.LOCAL_MANAGED_MEMORY);
        configuration.setString("metrics.reporter.captured.factory.class", CapturedMetrics.Factory.class.getName());
        configuration.setString("metrics.reporter.captured.interval", "1 s");
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        cluster.start();
        rest = cluster.getRestAddress().get();
    }

    /** Flink settings that make a job environment submit to this cluster. */
    Configuration target() {
        Configuration configuration = new Configuration();
        configuration.set(DeploymentOptions.TARGET, "remote");
        configuration.set(DeploymentOptions.ATTACHED, true); // else execute() returns as soon as it submitted
        configuration.set(RestOptions.ADDRESS, rest.getHost());
        configuration.set(RestOptions.PORT, rest.getPort());
        return configuration;
    }

    /**
     * Runs {@code run}, cancelling every job on the cluster if it takes longer than {@code budget}.
     *
     * @throws TimeoutException when the budget ran out
     */
    <T> T within(Duration budget, Callable<T> run) throws Exception {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            expired.set(true);
            cancelAll();
        }, budget.toMillis(), TimeUnit.MILLISECONDS);
        try {
            T result = run.call();
            if (expired.get()) {
                throw new TimeoutException("did not finish within " + Format.duration(budget));
            }
            return result;
        } catch (Exception e) {
            if (expired.get()) {
                throw new TimeoutException("did not finish within " + Format.duration(budget) + " (--timeout)");
            }
            throw e;
        } finally {
            alarm.cancel(false);
            cancelAll();
        }
    }

    /** Cancels every job that has not ended and waits until they have. */
    void cancelAll() {
        try {
            for (JobStatusMessage job : cluster.listJobs().get()) {
                if (!job.getJobState().isGloballyTerminalState()) {
                    cluster.cancelJob(job.getJobId());
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline && cluster.listJobs().get().stream()
                    .anyMatch(job -> !job.getJobState().isGloballyTerminalState())) {
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot cancel the benchmark's jobs", e);
        }
    }

    /** Whether every task of the job is running (or, for a finished source, done): its state is restored. */
    boolean allTasksStarted(JobID job) throws Exception {
        var graph = cluster.getExecutionGraph(job).get();
        if (graph.getState() != JobStatus.RUNNING) {
            return false;
        }
        for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
            ExecutionState state = vertex.getExecutionState();
            if (state != ExecutionState.RUNNING && state != ExecutionState.FINISHED) {
                return false;
            }
        }
        return true;
    }

    /** Waits until {@code condition} holds, polling; false if {@code timeout} passed first. */
    static boolean await(Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return condition.call();
    }

    @Override
    public void close() throws Exception {
        watchdog.shutdownNow();
        cluster.close();
    }
}
