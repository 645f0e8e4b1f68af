package io.arrears.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.arrears.config.ArrearsConfig;

/**
 * A command's own options ("--events FILE", "--live"), apart from the job options that follow them
 * ("--kafka.bootstrap-servers ..."), which go to {@link ArrearsConfig}.
 */
final class CommandOptions {

    private final Map<String, String> own = new HashMap<>();
    private final List<String> rest = new ArrayList<>();

    /**
     * @param valued own options that take a value
     * @param flags own options without a value
     */
    CommandOptions(String[] args, Set<String> valued, Set<String> flags) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : arg;
            if (flags.contains(name)) {
                own.put(name, "true");
            } else if (valued.contains(name)) {
                if (arg.contains("=")) {
                    own.put(name, arg.substring(arg.indexOf('=') + 1));
                } else if (i + 1 < args.length) {
                    own.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
            } else {
                rest.add(arg);
            }
        }
    }

    String get(String name, String fallback) {
        return own.getOrDefault(name, fallback);
    }

    String required(String name, String what) {
        String value = own.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required: " + what);
        }
        return value;
    }

    boolean has(String name) {
        return own.containsKey(name);
    }

    int intValue(String name, int fallback) {
        return number(name, fallback, Integer::parseInt, "a whole number");
    }

    double doubleValue(String name, double fallback) {
        return number(name, fallback, Double::parseDouble, "a number");
    }

    private <T> T number(String name, T fallback, java.util.function.Function<String, T> parse, String what) {
        String value = own.get(name);
        try {
            return value == null ? fallback : parse.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be " + what + ", was '" + value + "'");
        }
    }

    java.time.Instant instant(String name, java.time.Instant fallback) {
        String value = own.get(name);
        try {
            return value == null ? fallback : value.length() == 10
                    ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : java.time.Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " must be an ISO-8601 instant such as "
                    + "2026-06-30T00:00:00Z, or a date, was '" + value + "'");
        }
    }

    /** The job options that followed, as given. */
    String[] rest() {
        return rest.toArray(String[]::new);
    }

    /** The job options that followed, validated. */
    ArrearsConfig config(Map<String, String> defaults) {
        Map<String, String> values = new HashMap<>(defaults);
        values.putAll(ArrearsConfig.parseArgs(rest.toArray(String[]::new)));
        return ArrearsConfig.of(values);
    }
}
