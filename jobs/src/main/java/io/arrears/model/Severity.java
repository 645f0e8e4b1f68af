package io.arrears.model;

/** How urgent an alert is. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
