package io.arrears.notify;

/** What a collector should do about an alert: the line that makes a notification actionable. */
final class NextStep {

    private NextStep() {
    }

    static String of(MessageAlert alert) {
        if (alert.status().equals("RESOLVED")) {
            return "Nothing: it is resolved.";
        }
        return switch (alert.alertType()) {
            case "INVOICE_OVERDUE" -> "Contact the customer about the overdue invoice and log the follow-up.";
            case "DISPUTE_SLA_AT_RISK" -> "Get the dispute resolved before its SLA ends: chase its owner today.";
            case "DISPUTE_SLA_BREACHED" -> "Escalate the dispute: its SLA is broken.";
            case "FOLLOW_UP_MISSED" -> "Call or email the customer today and record the activity.";
            case "PROMISE_BROKEN" -> "Call the customer about the broken promise; agree on a new date or a payment plan.";
            case "CREDIT_LIMIT_WARNING" -> "Review the account before further orders ship on credit.";
            case "CREDIT_LIMIT_EXCEEDED" -> "Hold new orders or get a higher limit approved.";
            case "PAYMENT_REVERSED" -> "Ask the customer for a replacement payment; the bank returned this one.";
            case "UNAPPLIED_CASH_AGED" -> "Apply the cash, or ask the customer which invoices it pays.";
            case "DUPLICATE_INVOICE" -> "Check with billing and credit the duplicate.";
            default -> "Open the customer's dashboard.";
        };
    }
}
