package io.arrears.model;

/** Why a payment was reversed; NSF = insufficient funds. */
public enum ReversalReason {
    NSF, CHARGEBACK, RETURNED, OTHER
}
