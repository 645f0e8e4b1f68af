package io.arrears.io.files;

import java.io.IOException;
import java.io.InputStream;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import io.arrears.ingest.DeadLetter;
import io.arrears.ingest.Ingested;
import io.arrears.pipeline.DomainTypes;

/**
 * Reads a JSON-lines replay file into decoded input, numbering lines for dead letters: by their position, or,
 * in a prepared (sorted) input, by the number each line carries before a tab. Blank lines are skipped; events
 * after the as-of instant are left out (replay looks at history up to --as-of only). No line is held longer
 * than {@code ingest.max-record-bytes}: a longer one becomes a dead letter of its first part.
 */
public final class ReplayFileFormat implements StreamFormat<Ingested> {

    private static final long serialVersionUID = 1L;
    /** Room for a prepared line's number, length and hash before its text. */
    private static final int PREFIX_BYTES = 128;

    private final ReplayLineDecoder decoder;
    private final long asOf;
    private final boolean numbered;

    /** @param numbered whether each line starts with its line number in the original file and a tab */
    public ReplayFileFormat(ReplayLineDecoder decoder, long asOf, boolean numbered) {
        this.decoder = decoder;
        this.asOf = asOf;
        this.numbered = numbered;
    }

    /**
     * A line of the original file as a prepared input holds it: its number, a tab, the line; a line too long to
     * hold as its number, length and hash, a tab and its first part.
     */
    public static String prepared(long number, BoundedLineReader.Line line) {
        return line.whole() ? number + "\t" + line.text()
                : number + ":" + line.length() + ":" + line.sha256() + "\t" + line.text();
    }

    /** A reader of an original file: lines up to the limit whole, a longer one by its first part. */
    public static BoundedLineReader lines(InputStream in, int maxRecordBytes) {
        return new BoundedLineReader(in, maxRecordBytes, DeadLetter.MAX_COPIED_BYTES);
    }

    @Override
    public Reader<Ingested> createReader(Configuration config, FSDataInputStream stream, long fileLength,
                                         long splitEnd) {
        int limit = decoder.mapper().limits().maxRecordBytes();
        BoundedLineReader lines = numbered
                ? new BoundedLineReader(stream, limit + PREFIX_BYTES, DeadLetter.MAX_COPIED_BYTES)
                : lines(stream, limit);
        return new Reader<>() {
            private long lineNumber;

            @Override
            public Ingested read() throws IOException {
                for (BoundedLineReader.Line line = lines.next(); line != null; line = lines.next()) {
                    lineNumber++;
                    Ingested decoded = numbered ? decodePrepared(line.text()) : decode(line, lineNumber);
                    if (decoded != null && (decoded.deadLetter() != null || decoded.eventTime() <= asOf)) {
                        return decoded;
                    }
                }
                return null;
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    private Ingested decode(BoundedLineReader.Line line, long number) {
        if (!line.whole()) {
            return decoder.tooLong(line, number);
        }
        return line.text().isBlank() ? null : decoder.decode(line.text(), number);
    }

    private Ingested decodePrepared(String line) {
        int tab = line.indexOf('\t');
        String prefix = line.substring(0, tab);
        String text = line.substring(tab + 1);
        int colon = prefix.indexOf(':');
        if (colon < 0) {
            return decode(new BoundedLineReader.Line(text, text.length(), null), Long.parseLong(prefix));
        }
        int second = prefix.indexOf(':', colon + 1);
        return decoder.tooLong(new BoundedLineReader.Line(text, Long.parseLong(prefix, colon + 1, second, 10),
                prefix.substring(second + 1)), Long.parseLong(prefix, 0, colon, 10));
    }

    /**
     * The reader reports no positions, so Flink restores it from the file's start and skips the records it had
     * emitted; the line numbers stay right.
     */
    @Override
    public Reader<Ingested> restoreReader(Configuration config, FSDataInputStream stream, long restoredOffset,
                                          long fileLength, long splitEnd) {
        if (restoredOffset != 0) {
            throw new IllegalStateException("replay files are read from their start, not from offset "
                    + restoredOffset);
        }
        return createReader(config, stream, fileLength, splitEnd);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return DomainTypes.of(Ingested.class);
    }
}
