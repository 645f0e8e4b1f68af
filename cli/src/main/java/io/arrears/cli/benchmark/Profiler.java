package io.arrears.cli.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code --profile}: records part 4 with JDK Flight Recorder (its "profile" settings) and prints where the time
 * goes: the methods most often on top of the sampled stacks (self time), and Arrears' own methods by how often
 * they are anywhere on them (inclusive time). Threads in native code (RocksDB) are sampled too, else state
 * access would look free. The recording stays in the work folder for JDK Mission Control.
 */
final class Profiler implements AutoCloseable {

    private final Path file;
    private Recording recording;

    Profiler(Path work) {
        this.file = work.resolve("part4.jfr");
    }

    void start() {
        try {
            recording = new Recording(Configuration.getConfiguration("profile"));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("JDK Flight Recorder's profile settings are missing", e);
        }
        recording.start();
    }

    void stop() throws IOException {
        if (recording != null) {
            recording.stop();
            recording.dump(file);
            recording.close();
            recording = null;
        }
    }

    void print(Report report, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            if (type.equals("jdk.NativeMethodSample") && !name(stack.getFrames().get(0)).startsWith("org.rocksdb.")) {
                continue; // a thread waiting in native code (network, sockets) is idle, not working
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (name.startsWith("io.arrears.") && !name.startsWith("io.arrears.cli.") && seen.add(name)) {
                    inclusive.merge(name, 1, Integer::sum);
                }
            }
        }
        report.line(String.format(Locale.ROOT, "JDK Flight Recorder, part 4: %,d samples of threads running Java or "
                + "in RocksDB in %s", samples, file));
        print(report, "hottest methods (self)", self, samples, top);
        print(report, "Arrears methods (inclusive)", inclusive, samples, top);
    }

    private static void print(Report report, String title, Map<String, Integer> counts, int samples, int top) {
        report.line(title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(entry -> report.line(String.format(Locale.ROOT, "  %5.1f%%  %s",
                        100.0 * entry.getValue() / Math.max(1, samples), entry.getKey())));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
