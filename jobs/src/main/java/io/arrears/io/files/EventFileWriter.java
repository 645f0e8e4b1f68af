package io.arrears.io.files;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arrears.generator.HistoryGenerator;

/** Writes generated events as a replay file: one JSON object per line, "stream" first. */
public final class EventFileWriter implements Consumer<HistoryGenerator.Generated>, Closeable {

    private final BufferedWriter out;
    private long written;

    public EventFileWriter(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void accept(HistoryGenerator.Generated event) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("stream", event.stream().streamName());
        line.setAll(AvroJson.write(event.record()));
        try {
            out.write(AvroJson.toLine(line));
            out.write('\n');
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
