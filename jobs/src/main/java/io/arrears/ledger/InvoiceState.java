package io.arrears.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One invoice in a customer's ledger. Closed invoices stay for a retention period, so that a reversed payment
 * can re-open them and late events about them are understood.
 *
 * @param bucket the aging bucket in which the open amount is counted in the customer's totals
 * @param pendingStages overdue stages (days) whose deadlines are scheduled and have not fired
 * @param graceDays the grace days those deadlines were scheduled with
 * @param closedAt business time of closing, or -1 while open
 * @param openings 1 when issued, plus one per re-opening; part of alert ids, so a re-raised alert is a new one
 * @param openAlertIds alerts about this invoice that are OPEN (overdue, follow-up, duplicate)
 * @param followUpAt when the follow-up check is scheduled, or -1
 * @param lastFollowUpAt business time of the latest follow-up activity naming this invoice, or Long.MIN_VALUE
 * @param wakeAt the instant of the invoice's one deadline ({@link InvoiceSchedule}), or -1
 */
public record InvoiceState(
        String invoiceId,
        long totalCents,
        long openCents,
        String currency,
        LocalDate issueDate,
        LocalDate dueDate,
        String poNumber,
        InvoiceStatus status,
        AgingBucket bucket,
        List<Integer> pendingStages,
        int graceDays,
        long closedAt,
        int openings,
        List<String> openAlertIds,
        long followUpAt,
        long lastFollowUpAt,
        long wakeAt) {

    public boolean isOpen() {
        return status == InvoiceStatus.OPEN;
    }

    InvoiceState withTotalAndOpen(long total, long open) {
        return new InvoiceState(invoiceId, total, open, currency, issueDate, dueDate, poNumber, status, bucket,
                pendingStages, graceDays, closedAt, openings, openAlertIds, followUpAt, lastFollowUpAt, wakeAt);
    }

    InvoiceState withOpen(long open) {
        return withTotalAndOpen(totalCents, open);
    }

    InvoiceState inBucket(AgingBucket newBucket) {
        return new InvoiceState(invoiceId, totalCents, openCents, currency, issueDate, dueDate, poNumber, status,
                newBucket, pendingStages, graceDays, closedAt, openings, openAlertIds, followUpAt, lastFollowUpAt,
                wakeAt);
    }

    InvoiceState withSchedule(List<Integer> stages, int grace) {
        return new InvoiceState(invoiceId, totalCents, openCents, currency, issueDate, dueDate, poNumber, status,
                bucket, List.copyOf(stages), grace, closedAt, openings, openAlertIds, followUpAt, lastFollowUpAt,
                wakeAt);
    }

    InvoiceState withoutPendingStage(int stage) {
        List<Integer> stages = new ArrayList<>(pendingStages);
        stages.remove(Integer.valueOf(stage));
        return withSchedule(stages, graceDays);
    }

    InvoiceState withAlert(String alertId) {
        List<String> ids = new ArrayList<>(openAlertIds);
        ids.add(alertId);
        return new InvoiceState(invoiceId, totalCents, openCents, currency, issueDate, dueDate, poNumber, status,
                bucket, pendingStages, graceDays, closedAt, openings, ids, followUpAt, lastFollowUpAt, wakeAt);
    }

    /** Closed; {@code stillOpen} are the alerts that closing does not resolve. */
    InvoiceState closed(InvoiceStatus how, long at, List<String> stillOpen) {
        return new InvoiceState(invoiceId, totalCents, 0, currency, issueDate, dueDate, poNumber, how, bucket,
                List.of(), graceDays, at, openings, List.copyOf(stillOpen), -1, lastFollowUpAt, wakeAt);
    }

    InvoiceState reopened(long open) {
        return new InvoiceState(invoiceId, totalCents, open, currency, issueDate, dueDate, poNumber,
                InvoiceStatus.OPEN, bucket, List.of(), graceDays, -1, openings + 1, openAlertIds, -1, lastFollowUpAt,
                wakeAt);
    }

    InvoiceState withoutAlert(String alertId) {
        List<String> ids = new ArrayList<>(openAlertIds);
        ids.remove(alertId);
        return new InvoiceState(invoiceId, totalCents, openCents, currency, issueDate, dueDate, poNumber, status,
                bucket, pendingStages, graceDays, closedAt, openings, ids, followUpAt, lastFollowUpAt, wakeAt);
    }

    InvoiceState withFollowUpAt(long at) {
        return new InvoiceState(invoiceId, totalCents, openCents, currency, issueDate, dueDate, poNumber, status,
                bucket, pendingStages, graceDays, closedAt, openings, openAlertIds, at, lastFollowUpAt, wakeAt);
    }

    InvoiceState withWakeAt(long at) {
        return new InvoiceState(invoiceId, totalCents, openCents, currency, issueDate, dueDate, poNumber, status,
                bucket, pendingStages, graceDays, closedAt, openings, openAlertIds, followUpAt, lastFollowUpAt, at);
    }

    InvoiceState followedUpAt(long at) {
        return new InvoiceState(invoiceId, totalCents, openCents, currency, issueDate, dueDate, poNumber, status,
                bucket, pendingStages, graceDays, closedAt, openings, openAlertIds, followUpAt,
                Math.max(lastFollowUpAt, at), wakeAt);
    }
}
