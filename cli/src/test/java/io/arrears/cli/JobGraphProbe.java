package io.arrears.cli;

import java.io.File;

import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;

/**
 * What `flink run JAR ARGS` does on the client, run in a JVM that holds only Flink's own class path: prints
 * the entry point, every job vertex and the checkpoint interval.
 */
public final class JobGraphProbe {

    private JobGraphProbe() {
    }

    public static void main(String[] args) throws Exception {
        String[] jobArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
        PackagedProgram program = PackagedProgram.newBuilder()
                .setJarFile(new File(args[0]))
                .setArguments(jobArgs)
                .setConfiguration(new Configuration())
                .build();
        System.out.println("main " + program.getMainClassName());
        JobGraph graph = PackagedProgramUtils.createJobGraph(program, new Configuration(), 2, false);
        for (JobVertex vertex : graph.getVertices()) {
            System.out.println("vertex " + vertex.getName());
        }
        System.out.println("checkpoint-interval " + graph.getCheckpointingSettings()
                .getCheckpointCoordinatorConfiguration().getCheckpointInterval());
    }
}
