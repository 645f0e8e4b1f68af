package io.arrears.model;

/** Life cycle of a dispute. */
public enum DisputeEventType {
    OPENED, UPDATED, RESOLVED
}
