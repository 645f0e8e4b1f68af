package io.arrears.cli.benchmark;

/**
 * One steady rate, with the two runs it came from, or why there is none.
 *
 * @param eventsPerSecond null when the part did not finish or the runs were too short to tell
 */
record Measurement(Double eventsPerSecond, double fullSeconds, double prefixSeconds, String why) {

    static Measurement failed(String why) {
        return new Measurement(null, Double.NaN, Double.NaN, why);
    }

    /** A run over a file of events. */
    interface Run {
        void on(java.nio.file.Path events) throws Exception;
    }

    /** A run over {@code count} items. */
    interface SizedRun {
        void on(long count) throws Exception;
    }

    /** Runs over a history and its prefix. */
    static Measurement of(History history, java.time.Duration budget, Run run) {
        return of(history.events(), history.prefixEvents(), budget,
                count -> run.on(count == history.events() ? history.file() : history.prefix()));
    }

    /**
     * Runs over {@code prefix} items once to warm up (the JIT, the cluster's class loading), then again and over
     * {@code full}, timed, and takes the rate of the difference: the items beyond the prefix over the time
     * beyond its run. The full run is left out when the prefix's pace says it would outlast {@code budget}: the
     * pace only slows as state grows, so it would not finish anyway.
     */
    static Measurement of(long full, long prefix, java.time.Duration budget, SizedRun run) {
        try {
            run.on(prefix);
            double prefixSeconds = timed(run, prefix);
            double projected = prefixSeconds * full / Math.max(1, prefix);
            if (projected > budget.toSeconds()) {
                return failed("not run: at its prefix's pace the whole would take about "
                        + Format.duration(java.time.Duration.ofSeconds((long) projected))
                        + ", beyond the run budget of " + Format.duration(budget) + " (--timeout)");
            }
            double fullSeconds = timed(run, full);
            double extra = fullSeconds - prefixSeconds;
            Double rate = extra <= 0.05 ? null : (full - prefix) / extra;
            return new Measurement(rate, fullSeconds, prefixSeconds,
                    rate == null ? "too short to separate from start-up" : null);
        } catch (java.util.concurrent.TimeoutException e) {
            return failed(e.getMessage());
        } catch (Exception e) {
            return failed("failed: " + e);
        }
    }

    private static double timed(SizedRun run, long count) throws Exception {
        long started = System.nanoTime();
        run.on(count);
        return (System.nanoTime() - started) / 1e9;
    }

    /** Whether both runs finished, whether or not they were long enough to give a rate. */
    boolean finished() {
        return !Double.isNaN(fullSeconds);
    }

    Double ratioTo(Measurement baseline) {
        return eventsPerSecond == null || baseline.eventsPerSecond == null ? null
                : eventsPerSecond / baseline.eventsPerSecond;
    }
}
