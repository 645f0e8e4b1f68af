package io.arrears.cli.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.arrears.config.ArrearsConfig;

/**
 * What every part of the benchmark shares.
 *
 * @param jobOptions the job options given on the command line, applied to every run
 * @param budget how long one run may take before it is cancelled and its figure reported as null
 * @param work the folder for histories, outputs, checkpoints and savepoints
 */
record Settings(Map<String, String> jobOptions, int parallelism, Duration budget, Path work) {

    /** The job's configuration: its defaults, the command line's options, then {@code overrides}. */
    ArrearsConfig config(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(jobOptions);
        values.putAll(overrides);
        return ArrearsConfig.of(values);
    }

    ArrearsConfig config() {
        return config(Map.of());
    }
}
