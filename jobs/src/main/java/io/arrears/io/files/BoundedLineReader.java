package io.arrears.io.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads the lines of a UTF-8 file, holding at most {@code maxBytes} of any one: a longer line (a file without
 * newlines, a multi-gigabyte field) is returned as its first part with its full length and SHA-256, so that it
 * can be refused by name without being held. Ends of line are {@code \n} or {@code \r\n}.
 */
public final class BoundedLineReader implements Closeable {

    /**
     * One line: whole, or (when longer than the bound) its first bytes.
     *
     * @param text the line, or its first part as far as it decodes
     * @param length the line's length in bytes
     * @param sha256 lower-case hex of the whole line's SHA-256 when it was too long; else null
     */
    public record Line(String text, long length, String sha256) {
        public boolean whole() {
            return sha256 == null;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final int keptOfLong;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int end;
    private byte[] line = new byte[1024];
    private int lineLength;

    /**
     * @param maxBytes the longest line returned whole
     * @param keptOfLong how many of a longer line's first bytes are returned
     */
    public BoundedLineReader(InputStream in, int maxBytes, int keptOfLong) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.keptOfLong = Math.min(keptOfLong, maxBytes);
    }

    /** The next line, or null at the end of the input. */
    public Line next() throws IOException {
        lineLength = 0;
        long length = 0;
        MessageDigest digest = null;
        boolean started = false;
        while (true) {
            if (position == end && !fill()) {
                if (!started) {
                    return null;
                }
                break;
            }
            started = true;
            int newline = indexOfNewline();
            int stop = newline < 0 ? end : newline;
            int count = stop - position;
            length += count;
            if (digest == null) {
                int taken = Math.min(count, maxBytes - lineLength);
                append(position, taken);
                if (taken < count) {
                    digest = sha256();
                    digest.update(line, 0, lineLength);
                    digest.update(buffer, position + taken, count - taken);
                }
            } else {
                digest.update(buffer, position, count);
            }
            position = newline < 0 ? end : newline + 1;
            if (newline >= 0) {
                break;
            }
        }
        if (digest != null) {
            return new Line(new String(line, 0, keptOfLong, StandardCharsets.UTF_8), length,
                    HexFormat.of().formatHex(digest.digest()));
        }
        int textLength = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        return new Line(new String(line, 0, textLength, StandardCharsets.UTF_8), textLength, null);
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        position = 0;
        end = Math.max(read, 0);
        return read > 0;
    }

    private int indexOfNewline() {
        for (int i = position; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int count) {
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + count, Math.min(maxBytes, 2 * line.length)));
        }
        System.arraycopy(buffer, from, line, lineLength, count);
        lineLength += count;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
