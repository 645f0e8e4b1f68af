package io.arrears.model;

/** Kind of collection activity; every kind but NOTE counts as a follow-up. */
public enum ActivityType {
    REMINDER_SENT, EMAIL, CALL, LETTER, PROMISE_TO_PAY, PAYMENT_PLAN, NOTE
}
