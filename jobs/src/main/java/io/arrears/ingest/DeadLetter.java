package io.arrears.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import io.arrears.model.ReasonCode;

/**
 * An input record the job could not use: its original bytes (the first {@value #MAX_COPIED_BYTES} of them),
 * where it came from and why. However large the record, a dead letter stays far below a Kafka producer's
 * default maximum message size (1 MB): the value and key are cut, with the value's full length and SHA-256 kept
 * so that the original can be found and told apart, and the error is cut after {@value #MAX_ERROR_CHARS}
 * characters.
 *
 * @param partition -1 for a replay file
 * @param offset the line number for a replay file
 * @param key null when the record had none; at most {@value #MAX_KEY_BYTES} bytes
 * @param value at most {@value #MAX_COPIED_BYTES} bytes
 * @param valueLength the original value's length in bytes
 * @param valueSha256 the original value's SHA-256, lower-case hex
 * @param failedAt wall-clock epoch milliseconds
 */
public record DeadLetter(
        String sourceTopic,
        int partition,
        long offset,
        byte[] key,
        byte[] value,
        long valueLength,
        String valueSha256,
        ReasonCode reasonCode,
        String error,
        long failedAt) {

    public static final int MAX_COPIED_BYTES = 64 * 1024;
    public static final int MAX_KEY_BYTES = 1024;
    public static final int MAX_ERROR_CHARS = 2000;

    /** A dead letter of {@code value} (null for none), copied within the bounds above. */
    public static DeadLetter of(String sourceTopic, int partition, long offset, byte[] key, byte[] value,
                                ReasonCode reasonCode, String error, long failedAt) {
        byte[] whole = value == null ? new byte[0] : value;
        return new DeadLetter(sourceTopic, partition, offset, cut(key, MAX_KEY_BYTES), cut(whole, MAX_COPIED_BYTES),
                whole.length, sha256(whole), reasonCode, cut(error), failedAt);
    }

    /**
     * A dead letter that withholds the value, which may hold secrets (a route's webhook URLs carry tokens): only
     * its length and SHA-256 go out, and the error must not quote it either.
     */
    public static DeadLetter withheld(String sourceTopic, int partition, long offset, byte[] key, byte[] value,
                                      ReasonCode reasonCode, String error, long failedAt) {
        byte[] whole = value == null ? new byte[0] : value;
        return new DeadLetter(sourceTopic, partition, offset, cut(key, MAX_KEY_BYTES), new byte[0], whole.length,
                sha256(whole), reasonCode, cut(error), failedAt);
    }

    /** A dead letter of text, such as a replay line (its UTF-8 bytes). */
    public static DeadLetter ofText(String source, long lineNumber, String text, ReasonCode reasonCode,
                                    String error, long failedAt) {
        return of(source, -1, lineNumber, null, text.getBytes(StandardCharsets.UTF_8), reasonCode, error, failedAt);
    }

    /**
     * A dead letter of a value known only by its first bytes, its length and its hash (a replay line too long
     * to hold).
     */
    public static DeadLetter ofPart(String source, long lineNumber, byte[] first, long valueLength, String sha256,
                                    ReasonCode reasonCode, String error, long failedAt) {
        return new DeadLetter(source, -1, lineNumber, null, cut(first, MAX_COPIED_BYTES), valueLength, sha256,
                reasonCode, cut(error), failedAt);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] cut(byte[] bytes, int max) {
        return bytes == null || bytes.length <= max ? bytes : Arrays.copyOf(bytes, max);
    }

    private static String cut(String error) {
        return error.length() <= MAX_ERROR_CHARS ? error
                : error.substring(0, MAX_ERROR_CHARS) + "... (" + error.length() + " characters)";
    }

    /** Whether the value is the whole original. */
    public boolean whole() {
        return value.length == valueLength;
    }
}
