package io.arrears.ledger;

/** Aging of an open amount by days past due. */
public enum AgingBucket {
    CURRENT(Long.MIN_VALUE, 0),
    DAYS_1_30(1, 30),
    DAYS_31_60(31, 60),
    DAYS_61_90(61, 90),
    OVER_90(91, Long.MAX_VALUE);

    private final long fromDays;
    private final long toDays;

    AgingBucket(long fromDays, long toDays) {
        this.fromDays = fromDays;
        this.toDays = toDays;
    }

    public static AgingBucket of(long daysPastDue) {
        for (AgingBucket bucket : values()) {
            if (daysPastDue <= bucket.toDays) {
                return bucket;
            }
        }
        return OVER_90;
    }

    /** Days past due at which an amount enters this bucket; CURRENT has none. */
    public long fromDays() {
        return fromDays;
    }

    public AgingBucket next() {
        return this == OVER_90 ? null : values()[ordinal() + 1];
    }
}
