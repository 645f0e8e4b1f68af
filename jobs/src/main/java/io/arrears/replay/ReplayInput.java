package io.arrears.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.arrears.io.files.BoundedLineReader;
import io.arrears.io.files.ExternalSort;
import io.arrears.io.files.ReplayFileFormat;
import io.arrears.model.InputLimits;

/**
 * A replay file prepared for the job: its lines sorted by eventTime (within bounded memory), each behind its
 * original line number, so that business time can follow the file with watermarks and the job's state holds
 * what is open rather than the whole history, while dead letters still name the line they came from. Lines
 * whose eventTime cannot be read sort first; the job turns them into dead letters, as it does lines longer than
 * {@code ingest.max-record-bytes}, which are kept by their first part, length and hash only.
 *
 * @param source the original file's name, which dead letters give
 * @param file the sorted lines, each {@code lineNumber TAB line} ({@link ReplayFileFormat#prepared})
 * @param horizon the as-of instant: the one asked for, else the latest eventTime the contract accepts (not
 *     before 1970, not further after the wall clock than {@code ingest.max-event-time-ahead}), so that one
 *     event dated in year 9999 cannot make the replay run to it
 * @param eventsAfterAsOf lines with an eventTime after an as-of that was asked for
 */
public record ReplayInput(String source, Path file, long horizon, int eventsAfterAsOf) {

    private static final JsonFactory JSON = new JsonFactory();
    /** Characters of lines sorted in memory at once: about 0.2 GB of heap. */
    private static final long CHUNK_CHARS = 64L * 1024 * 1024;

    /** @param asOf the end of business time; null for the latest eventTime in the file */
    public static ReplayInput prepare(Path events, Instant asOf, Path work, InputLimits limits) throws IOException {
        if (!Files.isReadable(events)) {
            throw new IllegalArgumentException("cannot read the events file " + events.toAbsolutePath());
        }
        Path sorted = work.resolve("input-sorted.txt");
        long latest = Long.MIN_VALUE;
        long latestAccepted = System.currentTimeMillis() + limits.maxEventTimeAheadMillis();
        try (ExternalSort sort = new ExternalSort(work.resolve("input-spills"), CHUNK_CHARS);
             BoundedLineReader lines = ReplayFileFormat.lines(Files.newInputStream(events),
                     limits.maxRecordBytes())) {
            long number = 0;
            for (BoundedLineReader.Line line = lines.next(); line != null; line = lines.next()) {
                number++;
                if (line.whole() && line.text().isBlank()) {
                    continue;
                }
                long eventTime = line.whole() ? readEventTime(line.text()) : Long.MIN_VALUE;
                if (eventTime >= 0 && eventTime <= latestAccepted) {
                    latest = Math.max(latest, eventTime);
                }
                sort.add(ExternalSort.key(eventTime) + ExternalSort.key(number),
                        ReplayFileFormat.prepared(number, line));
            }
            if (asOf == null && latest == Long.MIN_VALUE) {
                throw new IllegalArgumentException(events + " holds no event with a readable eventTime from 1970 "
                        + "up to the wall clock (plus ingest.max-event-time-ahead): give --as-of");
            }
            long horizon = asOf != null ? asOf.toEpochMilli() : latest;
            int[] afterAsOf = {0};
            try (BufferedWriter out = Files.newBufferedWriter(sorted, StandardCharsets.UTF_8)) {
                sort.forEachSorted(entry -> {
                    try {
                        if (asOf != null && eventTimeOfKey(entry.key()) > horizon) {
                            afterAsOf[0]++;
                        }
                        out.write(entry.payload());
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return new ReplayInput(events.getFileName().toString(), sorted, horizon, afterAsOf[0]);
        }
    }

    /** The eventTime a sort key starts with. */
    private static long eventTimeOfKey(String sortKey) {
        return Long.parseUnsignedLong(sortKey.substring(0, 16), 16) ^ Long.MIN_VALUE;
    }

    /**
     * The line's top-level eventTime (epoch milliseconds or an ISO-8601 instant, as the decoder reads it), or
     * Long.MIN_VALUE if there is none to read. Reads only as far as needed, without building the document.
     */
    static long readEventTime(String line) {
        long found = Long.MIN_VALUE;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Long.MIN_VALUE;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("eventTime".equals(name)) {
                    found = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue()
                            : value == JsonToken.VALUE_STRING ? Instant.parse(parser.getText()).toEpochMilli()
                            : Long.MIN_VALUE;
                } else {
                    parser.skipChildren();
                }
            }
            return found;
        } catch (IOException | DateTimeParseException | ArithmeticException e) {
            return Long.MIN_VALUE; // reported as a dead letter by the job
        }
    }
}
