package io.arrears.ingest;

/**
 * An input record the job could not use: the original bytes, where they came from and why.
 *
 * @param partition -1 for a replay file
 * @param offset the line number for a replay file
 * @param key null when the record had none
 * @param failedAt wall-clock epoch milliseconds
 */
public record DeadLetter(
        String sourceTopic,
        int partition,
        long offset,
        byte[] key,
        byte[] value,
        String error,
        long failedAt) {
}
