package io.arrears.pipeline;

/** Flink's state calls throw checked exceptions; the domain's store interfaces do not. */
final class StateAccess {

    interface StateCall<T> {
        T call() throws Exception;
    }

    interface StateRun {
        void run() throws Exception;
    }

    private StateAccess() {
    }

    static <T> T call(StateCall<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("keyed state access failed", e);
        }
    }

    static void run(StateRun run) {
        call(() -> {
            run.run();
            return null;
        });
    }
}
