package io.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.io.files.AvroJson;
import io.arrears.pipeline.JobEnvironment;

/**
 * Exactly-once through lost TaskManagers: the job's only TaskManager is killed at random moments, ten times,
 * while the job reads a generated history from Kafka, and a fresh one takes its place each time. ar.alerts (read
 * committed) then holds every transition of a replay of the same history exactly once, and stays so after the
 * last kill; the indices equal the replay's.
 */
class TaskKillsTest {

    private static final int KILLS = 10;

    @Test
    void tenTaskManagerLossesWhileTheHistoryStreamsLoseAndDoubleNoAlert(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        try (KillableCluster cluster = new KillableCluster()) {
            CompletableFuture<List<Long>> kills = new CompletableFuture<>();
            LiveAgainstReplay.agree(dir, new LiveAgainstReplay.Fault() {
                @Override
                public Configuration flink() {
                    return cluster.target();
                }

                @Override
                public void started(ArrearsConfig config) {
                    CompletableFuture.supplyAsync(() -> cluster.killRepeatedly(KILLS, new Random(seed)))
                            .whenComplete((done, failed) -> {
                                if (failed != null) {
                                    kills.completeExceptionally(failed);
                                } else {
                                    kills.complete(done);
                                }
                            });
                }

                @Override
                public void alertsIn(ArrearsConfig config) throws Exception {
                    int whileStreaming = cluster.kills();
                    List<Long> checkpointsAtKills = kills.get(5, TimeUnit.MINUTES);
                    System.out.printf("TaskKillsTest (seed %d): %d TaskManagers killed, %d before every alert "
                            + "was on ar.alerts; completed checkpoints at each kill %s%n", seed,
                            checkpointsAtKills.size(), whileStreaming, checkpointsAtKills);
                    assertThat(checkpointsAtKills).as("kills").hasSize(KILLS);
                    assertThat(whileStreaming).as("kills before the history's alerts were all committed")
                            .isGreaterThanOrEqualTo(KILLS / 2);
                    cluster.awaitCheckpointAfter(checkpointsAtKills.get(KILLS - 1));
                    // Kills after the history's alerts were all in could still have doubled some: read again.
                    List<String> expected = new ArrayList<>();
                    for (String line : Files.readAllLines(dir.resolve("replay/alerts.jsonl"))) {
                        expected.add(LiveAgainstReplay.transition(AvroJson.parse(line)));
                    }
                    assertThat(LiveAgainstReplay.alertTransitions(config, expected.size() + 1,
                            Duration.ofSeconds(10))).as("ar.alerts after the last kill, once each (seed %d)", seed)
                            .containsExactlyInAnyOrderElementsOf(expected);
                }
            });
        }
    }

    /** A MiniCluster of one TaskManager at a time, which a test kills and replaces. */
    private static final class KillableCluster implements AutoCloseable {

        private final MiniCluster cluster;
        private final URI rest;
        private volatile int current;

        KillableCluster() throws Exception {
            Configuration configuration = new Configuration();
            configuration.set(RestOptions.BIND_PORT, "0");
            configuration.set(RestOptions.ADDRESS, "127.0.0.1");
            configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            configuration.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, JobEnvironment.LOCAL_MANAGED_MEMORY);
            cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(configuration)
                    .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
            cluster.start();
            rest = cluster.getRestAddress().get();
        }

        /** The job's settings: run here, and restart at once after each loss (not with a growing delay). */
        Configuration target() {
            Configuration configuration = new Configuration();
            configuration.set(DeploymentOptions.TARGET, "remote");
            configuration.set(RestOptions.ADDRESS, rest.getHost());
            configuration.set(RestOptions.PORT, rest.getPort());
            configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10 * KILLS);
            configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
            return configuration;
        }

        /**
         * Kills the TaskManager {@code times} times, each at a random moment 0.2 to 3 s after every task of the
         * job runs again, and starts a new one in its place.
         *
         * @return the number of checkpoints completed at each kill
         */
        List<Long> killRepeatedly(int times, Random random) {
            List<Long> checkpoints = new ArrayList<>();
            try {
                for (int kill = 0; kill < times; kill++) {
                    awaitAllTasksRunning();
                    Thread.sleep(200 + random.nextInt(2800));
                    checkpoints.add(completedCheckpoints(graph()));
                    cluster.terminateTaskManager(current++).get(1, TimeUnit.MINUTES);
                    cluster.startTaskManager();
                }
                return checkpoints;
            } catch (Exception e) {
                throw new IllegalStateException("killing TaskManagers failed after " + checkpoints.size(), e);
            }
        }

        /** How many TaskManagers have been killed so far. */
        int kills() {
            return current;
        }

        /** Waits until a checkpoint beyond the {@code count}th has completed: the job has recovered. */
        void awaitCheckpointAfter(long count) throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (completedCheckpoints(graph()) <= count) {
                assertThat(System.nanoTime()).as("a checkpoint after the last kill").isLessThan(deadline);
                Thread.sleep(100);
            }
        }

        private void awaitAllTasksRunning() throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!allTasksRunning(graph())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job's tasks did not run again within 2 minutes");
                }
                Thread.sleep(50);
            }
        }

        private AccessExecutionGraph graph() throws Exception {
            for (JobStatusMessage job : cluster.listJobs().get()) {
                if (!job.getJobState().isGloballyTerminalState()) {
                    return cluster.getExecutionGraph(job.getJobId()).get();
                }
            }
            throw new IllegalStateException("no job runs on the cluster");
        }

        private static boolean allTasksRunning(AccessExecutionGraph graph) {
            if (graph.getState() != JobStatus.RUNNING) {
                return false;
            }
            for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
                if (vertex.getExecutionState() != ExecutionState.RUNNING) {
                    return false;
                }
            }
            return true;
        }

        private static long completedCheckpoints(AccessExecutionGraph graph) {
            var stats = graph.getCheckpointStatsSnapshot();
            return stats == null ? 0 : stats.getCounts().getNumberOfCompletedCheckpoints();
        }

        @Override
        public void close() throws Exception {
            cluster.close();
        }
    }
}
