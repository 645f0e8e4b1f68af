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
    static Measurement of(History history, Run run) {
        return of(history.events(), history.prefixEvents(),
                count -> run.on(count == history.events() ? history.file() : history.prefix()));
    }

    /**
     * Runs over {@code prefix} items once to warm up (the JIT, the cluster's class loading), then again and over
     * {@code full}, timed, and takes the rate of the difference: the items beyond the prefix over the time
     * beyond its run.
     */
    static Measurement of(long full, long prefix, SizedRun run) {
        try {
            run.on(prefix);
            double prefixSeconds = timed(run, prefix);
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

    Double ratioTo(Measurement baseline) {
        return eventsPerSecond == null || baseline.eventsPerSecond == null ? null
                : eventsPerSecond / baseline.eventsPerSecond;
    }
}
