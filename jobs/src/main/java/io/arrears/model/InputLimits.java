package io.arrears.model;

import java.io.Serializable;

/**
 * How large an input record and its parts may be (the {@code ingest.*} options): what lies beyond is refused
 * with {@link ReasonCode#LIMIT}, so that no single record can exhaust memory, overflow a sum or outgrow what an
 * output can hold.
 *
 * @param maxRecordBytes a Kafka record's key and value together, or a replay line, in bytes
 * @param maxIdLength characters of an id (event, customer, invoice, payment, dispute, collector, policy) and of
 *     the segment and region, which key KPI scopes
 * @param maxTextLength characters of free text (a customer's name, an invoice's purchase order number)
 * @param maxAllocations allocations of one payment
 * @param maxAmountCents any one amount
 * @param maxPolicyStages overdue stages of one policy
 * @param maxEventTimeAheadMillis how far after the wall clock an eventTime may be (policy versions excepted)
 */
public record InputLimits(
        int maxRecordBytes,
        int maxIdLength,
        int maxTextLength,
        int maxAllocations,
        long maxAmountCents,
        int maxPolicyStages,
        long maxEventTimeAheadMillis) implements Serializable {

    /** The options' defaults. */
    public static final InputLimits DEFAULTS = new InputLimits(1024 * 1024, 128, 1000, 1000,
            100_000_000_000_000L, 32, 24L * 60 * 60 * 1000);
}
