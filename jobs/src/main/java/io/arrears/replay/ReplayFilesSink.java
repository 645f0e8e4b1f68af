package io.arrears.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import io.arrears.io.files.ExternalSort;

/**
 * Streams a replay's output records to files as they are produced: per kind and parallel writer, records of
 * (sort key, line), which the replay sorts into its output files when the job has finished. Nothing is held in
 * memory, so the size of a replay is bounded by disk, not by the client's heap.
 */
final class ReplayFilesSink implements Sink<ReplayRecord> {

    private static final long serialVersionUID = 1L;

    private final String directory;

    /** @param directory where the part files go: {@code kind-subtask.part} */
    ReplayFilesSink(Path directory) {
        this.directory = directory.toString();
    }

    static String partPrefix(String kind) {
        return kind + "-";
    }

    @Override
    public SinkWriter<ReplayRecord> createWriter(WriterInitContext context) throws IOException {
        Path parts = Files.createDirectories(Path.of(directory));
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        return new SinkWriter<>() {
            private final Map<String, ExternalSort.Writer> writers = new HashMap<>();

            @Override
            public void write(ReplayRecord record, Context context) throws IOException {
                ExternalSort.Writer writer = writers.get(record.kind());
                if (writer == null) {
                    writer = new ExternalSort.Writer(parts.resolve(partPrefix(record.kind()) + subtask + ".part"));
                    writers.put(record.kind(), writer);
                }
                writer.write(record.sortKey(), record.json());
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                for (ExternalSort.Writer writer : writers.values()) {
                    writer.flush();
                }
            }

            @Override
            public void close() throws IOException {
                for (ExternalSort.Writer writer : writers.values()) {
                    writer.close();
                }
            }
        };
    }
}
