package io.arrears.io.files;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Sorts records of (key, payload) by key within bounded memory: chunks are sorted in memory and spilled to
 * files, which are then merged. Keys compare as strings; {@link #key(long)} writes numbers so that they do.
 * Records are length-prefixed UTF-8, so any payload (a line with tabs, a 5 MB dead letter) survives.
 */
public final class ExternalSort implements Closeable {

    /** One record: what it is sorted by, and what it carries. */
    public record Entry(String key, String payload) {
    }

    private static final Comparator<Entry> BY_KEY = Comparator.comparing(Entry::key);

    private final Path directory;
    private final long maxChunkChars;
    private final List<Path> spills = new ArrayList<>();
    private final List<Entry> chunk = new ArrayList<>();
    private long chunkChars;
    private long count;

    /**
     * @param directory where spill files go (created if missing, left empty on close)
     * @param maxChunkChars how many characters of keys and payloads to sort in memory at once
     */
    public ExternalSort(Path directory, long maxChunkChars) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.maxChunkChars = maxChunkChars;
    }

    /** A long as a key that sorts like the number: sign-flipped, fixed-width hex. */
    public static String key(long value) {
        String hex = Long.toHexString(value ^ Long.MIN_VALUE);
        return "0".repeat(16 - hex.length()) + hex;
    }

    public void add(String key, String payload) throws IOException {
        chunk.add(new Entry(key, payload));
        count++;
        chunkChars += key.length() + payload.length() + 32;
        if (chunkChars >= maxChunkChars) {
            spill();
        }
    }

    /** Adds every record of a file written by {@link Writer}. */
    public void addAll(Path records) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(records)))) {
            for (Entry entry = read(in); entry != null; entry = read(in)) {
                add(entry.key(), entry.payload());
            }
        }
    }

    public long count() {
        return count;
    }

    /** Hands every record to {@code out} in key order (equal keys in the order they were added). */
    public void forEachSorted(Consumer<Entry> out) throws IOException {
        if (spills.isEmpty()) {
            chunk.sort(BY_KEY);
            chunk.forEach(out);
            return;
        }
        spill();
        record Head(Entry entry, int source) {
        }
        List<DataInputStream> inputs = new ArrayList<>();
        try {
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing((Head h) -> h.entry().key())
                    .thenComparingInt(Head::source));
            for (Path spill : spills) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spill), 1 << 16));
                inputs.add(in);
                Entry first = read(in);
                if (first != null) {
                    heads.add(new Head(first, inputs.size() - 1));
                }
            }
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                out.accept(head.entry());
                Entry next = read(inputs.get(head.source()));
                if (next != null) {
                    heads.add(new Head(next, head.source()));
                }
            }
        } finally {
            for (DataInputStream in : inputs) {
                in.close();
            }
        }
    }

    private void spill() throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        chunk.sort(BY_KEY);
        Path spill = directory.resolve("spill-" + spills.size());
        try (Writer writer = new Writer(spill)) {
            for (Entry entry : chunk) {
                writer.write(entry.key(), entry.payload());
            }
        }
        spills.add(spill);
        chunk.clear();
        chunkChars = 0;
    }

    private static Entry read(DataInputStream in) throws IOException {
        int keyLength;
        try {
            keyLength = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        String key = new String(in.readNBytes(keyLength), StandardCharsets.UTF_8);
        int payloadLength = in.readInt();
        return new Entry(key, new String(in.readNBytes(payloadLength), StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        for (Path spill : spills) {
            Files.deleteIfExists(spill);
        }
        spills.clear();
        chunk.clear();
    }

    /** Writes records in the format {@link #addAll} reads. */
    public static final class Writer implements Closeable {

        private final DataOutputStream out;

        public Writer(Path file) throws IOException {
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        }

        public void write(String key, String payload) {
            try {
                byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
                byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
                out.writeInt(keyBytes.length);
                out.write(keyBytes);
                out.writeInt(payloadBytes.length);
                out.write(payloadBytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
