package io.arrears.io.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import io.arrears.ingest.Ingested;
import io.arrears.pipeline.DomainTypes;

/**
 * Reads a JSON-lines replay file into decoded input, numbering lines for dead letters: by their position, or,
 * in a prepared (sorted) input, by the number each line carries before a tab. Blank lines are skipped; events
 * after the as-of instant are left out (replay looks at history up to --as-of only).
 */
public final class ReplayFileFormat implements StreamFormat<Ingested> {

    private static final long serialVersionUID = 1L;

    private final ReplayLineDecoder decoder;
    private final long asOf;
    private final boolean numbered;

    /** @param numbered whether each line starts with its line number in the original file and a tab */
    public ReplayFileFormat(ReplayLineDecoder decoder, long asOf, boolean numbered) {
        this.decoder = decoder;
        this.asOf = asOf;
        this.numbered = numbered;
    }

    @Override
    public Reader<Ingested> createReader(Configuration config, FSDataInputStream stream, long fileLength,
                                         long splitEnd) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        return new Reader<>() {
            private long lineNumber;

            @Override
            public Ingested read() throws IOException {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    lineNumber++;
                    long number = lineNumber;
                    if (numbered) {
                        int tab = line.indexOf('\t');
                        number = Long.parseLong(line, 0, tab, 10);
                        line = line.substring(tab + 1);
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    Ingested decoded = decoder.decode(line, number);
                    if (decoded.deadLetter() != null || decoded.eventTime() <= asOf) {
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
