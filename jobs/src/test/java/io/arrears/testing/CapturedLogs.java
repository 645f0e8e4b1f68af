package io.arrears.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything this JVM logs at INFO and above while it is open (every logger lowered to INFO meanwhile), message and
 * stack trace, for tests that search the logs for what must never be in them.
 */
public final class CapturedLogs implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Appender appender = new Appender();
    private final Map<String, Level> levelsBefore;

    private CapturedLogs() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        levelsBefore = new java.util.HashMap<>();
        context.getConfiguration().getLoggers().forEach((name, logger) -> levelsBefore.put(name, logger.getLevel()));
        appender.start();
        context.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        levelsBefore.keySet().forEach(name -> Configurator.setLevel(name, Level.INFO));
        Configurator.setRootLevel(Level.INFO);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** The lines captured so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        levelsBefore.forEach((name, level) -> Configurator.setLevel(name.isEmpty() ? LogManager.ROOT_LOGGER_NAME : name,
                level));
        appender.stop();
    }

    private final class Appender extends AbstractAppender {
        Appender() {
            super("captured-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                    .append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            synchronized (CapturedLogs.this) {
                lines.add(line.toString());
            }
        }
    }
}
