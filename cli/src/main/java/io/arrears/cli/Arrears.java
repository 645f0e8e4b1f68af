package io.arrears.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.arrears.config.ConfigurationException;
import io.arrears.stack.LocalStackException;

/** bin/arrears: {@code arrears COMMAND [options]}. */
public final class Arrears {

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("demo", new DemoCommand());
        COMMANDS.put("replay", new ReplayCommand());
        COMMANDS.put("generate", new GenerateCommand());
        COMMANDS.put("stack", new StackCommand());
        COMMANDS.put("topics", new TopicsCommand());
        COMMANDS.put("config-docs", new ConfigDocsCommand());
        COMMANDS.put("benchmark", new BenchmarkCommand());
    }

    private Arrears() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
            System.err.println(usage(args.length == 0 ? null : args[0]));
            System.exit(2);
        }
        try {
            System.exit(COMMANDS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length)));
        } catch (ConfigurationException | LocalStackException | IllegalArgumentException e) {
            System.err.println("arrears " + args[0] + ": " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("arrears " + args[0] + " failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private static String usage(String unknown) {
        StringBuilder text = new StringBuilder();
        if (unknown != null) {
            text.append("Unknown command '").append(unknown).append("'.\n\n");
        }
        text.append("Usage: bin/arrears COMMAND [options]\n\nCommands:\n");
        COMMANDS.forEach((name, command) -> text.append(String.format("  %-12s %s%n", name, command.summary())));
        return text.toString();
    }

    /** One sub-command. */
    interface Command {
        String summary();

        /** @return the process exit code */
        int run(String[] args) throws Exception;
    }
}
