package io.arrears.model;

/** OPEN when raised, RESOLVED when its condition stopped being true. */
public enum AlertStatus {
    OPEN, RESOLVED
}
