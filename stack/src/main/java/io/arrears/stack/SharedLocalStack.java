package io.arrears.stack;

import java.util.EnumSet;

/**
 * One local stack per JVM, for test suites: each service starts on first use and stops when the JVM exits,
 * so a suite pays each start-up once, not once per test class.
 */
public final class SharedLocalStack {

    private static LocalStack stack;

    private SharedLocalStack() {
    }

    /** The shared stack, with at least the given services running. */
    public static synchronized LocalStack with(Service first, Service... more) {
        if (stack == null) {
            stack = LocalStack.builder().build();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        }
        return stack.ensureStarted(EnumSet.of(first, more));
    }
}
