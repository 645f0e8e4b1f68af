package io.arrears.model;

/** How a dispute ended. */
public enum DisputeResolution {
    CREDITED, REJECTED, WITHDRAWN
}
