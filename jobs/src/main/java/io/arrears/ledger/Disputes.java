package io.arrears.ledger;

import io.arrears.model.AlertType;
import io.arrears.model.CustomerUpdated;
import io.arrears.model.DisputeEvent;

/**
 * The customer's disputes: opened, updated and resolved, their amounts in the books, their SLA alerts, and each
 * new state reported for the disputes index.
 */
final class Disputes {

    private final LedgerContext context;
    private final LedgerStore store;
    private final Books books;
    private final LedgerOutput output;
    private final DisputeSlaRule sla;

    Disputes(LedgerContext context, Books books, LedgerOutput output) {
        this.context = context;
        this.store = context.store;
        this.books = books;
        this.output = output;
        this.sla = new DisputeSlaRule(context);
    }

    void apply(DisputeEvent e, long now) {
        DisputeState dispute = store.dispute(e.disputeId());
        switch (e.eventType()) {
            case OPENED, UPDATED -> {
                if (dispute == null) {
                    books.disputed(currency(e.invoiceId()), 1, 0, e.amountCents());
                    DisputeState opened = DisputeState.opened(e.disputeId(), e.invoiceId(), e.amountCents(),
                            e.reasonCode(), now);
                    store.putDispute(opened);
                    store.putDispute(sla.schedule(opened, now));
                } else if (dispute.open()) {
                    books.disputed(currency(e.invoiceId()), 0, dispute.amountCents(), e.amountCents());
                    store.putDispute(dispute.updated(e.amountCents(), e.reasonCode()));
                }
            }
            case RESOLVED -> {
                if (dispute == null) {
                    // Remembered as resolved, so that an OPENED arriving after it does not open it again.
                    store.putDispute(DisputeState.opened(e.disputeId(), e.invoiceId(), e.amountCents(), e.reasonCode(),
                            now).resolved(now));
                    context.schedulePurge(Deadline.Kind.PURGE_DISPUTE, e.disputeId(), now);
                } else if (dispute.open()) {
                    books.disputed(currency(dispute.invoiceId()), -1, dispute.amountCents(), 0);
                    sla.onResolved(dispute, now);
                    store.putDispute(dispute.resolved(now));
                    context.schedulePurge(Deadline.Kind.PURGE_DISPUTE, e.disputeId(), now);
                }
            }
        }
        DisputeState after = store.dispute(e.disputeId());
        if (after != null && !after.equals(dispute)) {
            report(after, now);
        }
    }

    /** An SLA deadline of the dispute is due. */
    void onSlaDeadline(String disputeId, AlertType type, long now) {
        DisputeState dispute = store.dispute(disputeId);
        if (dispute != null) {
            DisputeState after = sla.onDeadline(dispute, type, now);
            store.putDispute(after);
            report(after, now);
        }
    }

    /** A new policy moves the SLA deadlines still ahead. */
    void onPolicyChange(long now) {
        for (DisputeState dispute : store.openDisputes()) {
            store.putDispute(sla.reschedule(dispute, now));
        }
    }

    /** A resolved dispute's retention ended: it leaves state. */
    void purge(String disputeId) {
        DisputeState dispute = store.dispute(disputeId);
        if (dispute != null && !dispute.open()) {
            store.removeDispute(disputeId);
        }
    }

    private void report(DisputeState dispute, long now) {
        CustomerUpdated profile = store.profile();
        output.dispute(new DisputeSnapshot(dispute.disputeId(), context.customerId, dispute.invoiceId(),
                profile == null ? null : profile.collectorId(), profile == null ? null : profile.segment(),
                dispute.reasonCode().name(), dispute.amountCents(), currency(dispute.invoiceId()),
                dispute.openedAt(), dispute.open(), dispute.open() ? null : dispute.resolvedAt(),
                dispute.open() ? dispute.sla().name() : "RESOLVED", now));
    }

    /** Disputed amounts are in the currency of the disputed invoice, else of the customer. */
    private String currency(String invoiceId) {
        InvoiceState invoice = invoiceId == null ? null : store.invoice(invoiceId);
        return invoice != null ? invoice.currency() : context.currency();
    }
}
