package io.arrears.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.arrears.model.Allocation;
import io.arrears.model.CollectionPolicy;
import io.arrears.model.CustomerEvent;
import io.arrears.model.CustomerUpdated;
import io.arrears.model.DisputeEvent;
import io.arrears.model.InvoiceEvent;
import io.arrears.model.InvoiceEventType;
import io.arrears.model.PaymentEvent;
import io.arrears.model.PaymentEventType;

/**
 * One customer's accounts-receivable ledger: invoices and their open amounts, cash application, unapplied
 * cash, disputes, aging, and the INVOICE_OVERDUE alert. Plain Java: it reads and writes a {@link LedgerStore},
 * asks a {@link Scheduler} for deadlines and reports alert transitions to a {@link LedgerOutput}. The rules
 * are documented in docs/ledger.md.
 *
 * <p>"now" is business time: the event time of the event being applied, or the instant of a deadline.
 */
public final class Ledger {

    private static final Comparator<InvoiceState> EARLIEST_DUE_FIRST =
            Comparator.comparing(InvoiceState::dueDate).thenComparing(InvoiceState::invoiceId);

    private final String customerId;
    private final LedgerStore store;
    private final Scheduler scheduler;
    private final LedgerOutput output;
    private final PolicyBook policies;
    private final BusinessCalendar calendar;
    private final long retention;

    /**
     * @param retention how long closed invoices, settled payments, resolved disputes and events waiting for
     *     an unknown invoice stay in state, in business time
     */
    public Ledger(String customerId, LedgerStore store, Scheduler scheduler, LedgerOutput output,
                  PolicyBook policies, BusinessCalendar calendar, Duration retention) {
        this.customerId = customerId;
        this.store = store;
        this.scheduler = scheduler;
        this.output = output;
        this.policies = policies;
        this.calendar = calendar;
        this.retention = retention.toMillis();
    }

    /** Applies one event at business time {@code now}; a re-delivered event id changes nothing. */
    public boolean apply(CustomerEvent event, long now) {
        if (!store.firstSighting(event.eventId())) {
            return false;
        }
        if (event.customer() != null) {
            applyCustomer(event.customer());
        } else if (event.invoice() != null) {
            applyInvoice(event.invoice(), now);
        } else if (event.payment() != null) {
            applyPayment(event.payment(), now);
        } else if (event.dispute() != null) {
            applyDispute(event.dispute(), now);
        }
        // Collection activities change nothing in the ledger itself.
        return true;
    }

    /** Business time reached a deadline scheduled earlier. */
    public void onDeadline(Deadline deadline, long now) {
        switch (deadline.kind()) {
            case OVERDUE_STAGE -> {
                InvoiceState invoice = store.invoice(deadline.entityId());
                if (invoice != null && invoice.isOpen() && invoice.pendingStages().contains(deadline.stage())) {
                    raiseOverdue(invoice.withoutPendingStage(deadline.stage()), deadline.stage(), now);
                }
            }
            case AGING -> {
                InvoiceState invoice = store.invoice(deadline.entityId());
                if (invoice != null && invoice.isOpen()) {
                    AgingBucket entered = AgingBucket.values()[deadline.stage()];
                    moveToBucket(invoice, entered);
                }
            }
            case PURGE_INVOICE -> {
                InvoiceState invoice = store.invoice(deadline.entityId());
                if (invoice != null && !invoice.isOpen()) {
                    store.removeInvoice(invoice.invoiceId());
                }
            }
            case PURGE_PAYMENT -> {
                PaymentState payment = store.payment(deadline.entityId());
                if (payment != null && payment.closedAt() >= 0) {
                    store.removePayment(payment.paymentId());
                }
            }
            case PURGE_DISPUTE -> {
                DisputeState dispute = store.dispute(deadline.entityId());
                if (dispute != null && !dispute.open()) {
                    store.removeDispute(dispute.disputeId());
                }
            }
            case PURGE_WAITING -> stopWaiting(deadline.entityId());
        }
    }

    /** The customer's position at business time {@code asOf}. */
    public CustomerSnapshot snapshot(long asOf) {
        CustomerUpdated profile = store.profile();
        CustomerTotals totals = store.totals();
        Long limit = profile == null ? null : profile.creditLimitCents();
        Double utilization = limit != null && limit > 0 ? totals.arTotal() / (double) limit : null;
        int sequence = Math.min(store.nextSnapshotSequence(asOf), 999);
        return new CustomerSnapshot(customerId, asOf,
                profile == null ? null : profile.name(),
                profile == null ? null : profile.segment(),
                profile == null ? null : profile.region(),
                profile == null ? null : profile.collectorId(),
                profile == null ? null : profile.currency(),
                totals.openInvoices(), totals.arTotal(), totals.arCurrent(), totals.ar1to30(), totals.ar31to60(),
                totals.ar61to90(), totals.arOver90(), totals.arTotal() - totals.arCurrent(), totals.unappliedCash(),
                totals.openDisputes(), totals.disputedAmount(), limit, utilization, asOf * 1000 + sequence);
    }

    // ---- customers ----

    private void applyCustomer(CustomerUpdated e) {
        CustomerUpdated current = store.profile();
        if (current == null || e.eventTime() >= current.eventTime()) {
            // An older version arriving late does not replace newer master data.
            store.putProfile(e);
        }
    }

    // ---- invoices ----

    private void applyInvoice(InvoiceEvent e, long now) {
        InvoiceState invoice = store.invoice(e.invoiceId());
        if (invoice == null) {
            if (e.eventType() == InvoiceEventType.ISSUED) {
                issue(e, now);
            } else {
                store.addWaitingInvoiceEvent(e);
                startWaiting(e.invoiceId(), now);
            }
            return;
        }
        switch (e.eventType()) {
            case ISSUED, ADJUSTED -> adjust(invoice, e.amountCents(), now);
            case CREDITED -> credit(invoice, e.amountCents(), now);
            case CANCELLED -> close(invoice, InvoiceStatus.CANCELLED, now);
            case WRITTEN_OFF -> close(invoice, InvoiceStatus.WRITTEN_OFF, now);
        }
    }

    private void issue(InvoiceEvent e, long now) {
        InvoiceState invoice = new InvoiceState(e.invoiceId(), e.amountCents(), e.amountCents(), e.currency(),
                e.issueDate(), e.dueDate(), e.poNumber(), InvoiceStatus.OPEN, AgingBucket.CURRENT, List.of(), 0,
                -1, 1, List.of());
        if (invoice.openCents() == 0) {
            store.putInvoice(invoice.closed(InvoiceStatus.CREDITED, now));
            schedulePurge(Deadline.Kind.PURGE_INVOICE, e.invoiceId(), now);
        } else {
            open(invoice, now);
        }
        resumeWaitingFor(e.invoiceId(), now);
    }

    /** Counts an open invoice in the totals and schedules its aging and overdue deadlines. */
    private void open(InvoiceState invoice, long now) {
        AgingBucket bucket = AgingBucket.of(calendar.daysPastDue(invoice.dueDate(), now));
        store.putTotals(store.totals().plusOpen(bucket, invoice.openCents(), 1));
        for (AgingBucket next = bucket.next(); next != null; next = next.next()) {
            scheduler.schedule(agingAt(invoice, next), Deadline.aging(invoice.invoiceId(), next));
        }
        CollectionPolicy policy = policyNow(now);
        List<Integer> pending = new ArrayList<>();
        Integer passed = null;
        for (int stage : policy.overdueStageDays()) {
            long at = overdueAt(invoice, stage, policy.graceDays());
            if (at > now) {
                pending.add(stage);
                scheduler.schedule(at, Deadline.overdue(invoice.invoiceId(), stage));
            } else {
                passed = stage;
            }
        }
        InvoiceState scheduled = invoice.inBucket(bucket).withSchedule(pending, policy.graceDays());
        if (passed != null) {
            // Already past a stage when it (re)opens: the collector hears of the stage it is in now.
            raiseOverdue(scheduled, passed, now);
        } else {
            store.putInvoice(scheduled);
        }
    }

    /** Takes an invoice out of the totals, cancels its deadlines and resolves its alerts. */
    private void close(InvoiceState invoice, InvoiceStatus how, long now) {
        if (!invoice.isOpen()) {
            if (how == InvoiceStatus.CANCELLED && invoice.status() != InvoiceStatus.CANCELLED) {
                store.putInvoice(new InvoiceState(invoice.invoiceId(), invoice.totalCents(), 0, invoice.currency(),
                        invoice.issueDate(), invoice.dueDate(), invoice.poNumber(), how, invoice.bucket(),
                        List.of(), invoice.graceDays(), invoice.closedAt(), invoice.openings(), List.of()));
            }
            return;
        }
        store.putTotals(store.totals().plusOpen(invoice.bucket(), -invoice.openCents(), -1));
        for (AgingBucket next = invoice.bucket().next(); next != null; next = next.next()) {
            scheduler.cancel(agingAt(invoice, next), Deadline.aging(invoice.invoiceId(), next));
        }
        for (int stage : invoice.pendingStages()) {
            scheduler.cancel(overdueAt(invoice, stage, invoice.graceDays()),
                    Deadline.overdue(invoice.invoiceId(), stage));
        }
        for (String alertId : invoice.openAlertIds()) {
            resolve(alertId, invoice.invoiceId(), now, "invoice " + how.description());
        }
        store.putInvoice(invoice.closed(how, now));
        schedulePurge(Deadline.Kind.PURGE_INVOICE, invoice.invoiceId(), now);
    }

    private void reopen(InvoiceState invoice, long amount, long now) {
        scheduler.cancel(invoice.closedAt() + retention, new Deadline(Deadline.Kind.PURGE_INVOICE,
                invoice.invoiceId(), 0));
        open(invoice.reopened(amount), now);
    }

    private void adjust(InvoiceState invoice, long newTotal, long now) {
        long delta = newTotal - invoice.totalCents();
        if (invoice.isOpen()) {
            long open = Math.max(0, invoice.openCents() + delta);
            changeOpen(invoice.withTotalAndOpen(newTotal, invoice.openCents()), open, InvoiceStatus.CREDITED, now);
        } else if (invoice.status() == InvoiceStatus.PAID && delta > 0) {
            reopen(invoice.withTotalAndOpen(newTotal, 0), delta, now);
        } else {
            store.putInvoice(invoice.withTotalAndOpen(newTotal, invoice.openCents()));
        }
    }

    private void credit(InvoiceState invoice, long credit, long now) {
        if (invoice.isOpen()) {
            changeOpen(invoice, invoice.openCents() - Math.min(credit, invoice.openCents()), InvoiceStatus.CREDITED,
                    now);
        }
    }

    /** Sets an open invoice's open amount; at zero it closes as {@code closedAs}. */
    private void changeOpen(InvoiceState invoice, long open, InvoiceStatus closedAs, long now) {
        store.putTotals(store.totals().plusOpen(invoice.bucket(), open - invoice.openCents(), 0));
        InvoiceState changed = invoice.withOpen(open);
        if (open == 0) {
            // Closing subtracts the open amount, which is zero now: the invoice count is what changes.
            close(changed, closedAs, now);
        } else {
            store.putInvoice(changed);
        }
    }

    private void moveToBucket(InvoiceState invoice, AgingBucket entered) {
        store.putTotals(store.totals().plusOpen(invoice.bucket(), -invoice.openCents(), 0)
                .plusOpen(entered, invoice.openCents(), 0));
        store.putInvoice(invoice.inBucket(entered));
    }

    private long agingAt(InvoiceState invoice, AgingBucket bucket) {
        return calendar.startOf(invoice.dueDate().plusDays(bucket.fromDays()));
    }

    private long overdueAt(InvoiceState invoice, int stage, int graceDays) {
        return calendar.startOf(invoice.dueDate().plusDays(stage + (long) graceDays));
    }

    // ---- payments ----

    private void applyPayment(PaymentEvent e, long now) {
        PaymentState payment = store.payment(e.paymentId());
        if (payment == null) {
            if (e.eventType() == PaymentEventType.RECEIVED) {
                receive(e, now);
            } else {
                store.addWaitingPaymentEvent(e);
                startWaiting(e.paymentId(), now);
            }
            return;
        }
        switch (e.eventType()) {
            case RECEIVED -> {
                // The same payment id received again under another event id: already counted.
            }
            case APPLIED -> {
                PaymentState applied = payment;
                for (Allocation allocation : e.allocations()) {
                    applied = allocate(applied, allocation, now);
                }
                putPayment(applied, now);
            }
            case REVERSED -> reverse(payment, now);
            case REFUNDED -> {
                long refund = Math.min(e.amountCents(), payment.unappliedCents());
                store.putTotals(store.totals().plusUnapplied(-refund));
                putPayment(payment.withUnapplied(payment.unappliedCents() - refund), now);
            }
        }
    }

    private void receive(PaymentEvent e, long now) {
        PaymentState payment = new PaymentState(e.paymentId(), e.amountCents(), e.amountCents(), e.currency(), now,
                List.of(), List.of(), false, -1);
        store.putTotals(store.totals().plusUnapplied(e.amountCents()));
        if (e.allocations().isEmpty()) {
            payment = autoMatch(payment, now);
        } else {
            for (Allocation allocation : e.allocations()) {
                payment = allocate(payment, allocation, now);
            }
        }
        putPayment(payment, now);
        resumeWaitingFor(e.paymentId(), now);
    }

    /** Without remittance, cash that equals an open invoice's open amount pays the earliest due of them. */
    private PaymentState autoMatch(PaymentState payment, long now) {
        return store.openInvoicesWithOpenAmount(payment.amountCents()).stream()
                .min(EARLIEST_DUE_FIRST)
                .map(invoice -> allocate(payment, new Allocation(invoice.invoiceId(), payment.amountCents()), now))
                .orElse(payment);
    }

    /** Applies one remittance line; never more than the invoice's open amount or the payment's unapplied cash. */
    private PaymentState allocate(PaymentState payment, Allocation allocation, long now) {
        InvoiceState invoice = store.invoice(allocation.invoiceId());
        if (invoice == null) {
            List<Allocation> waiting = new ArrayList<>(payment.waiting());
            waiting.add(allocation);
            store.addPaymentWaitingFor(allocation.invoiceId(), payment.paymentId());
            startWaiting(allocation.invoiceId(), now);
            return payment.withWaiting(waiting);
        }
        long cents = Math.min(allocation.amountCents(), Math.min(invoice.openCents(), payment.unappliedCents()));
        if (!invoice.isOpen() || cents <= 0) {
            return payment;
        }
        store.putTotals(store.totals().plusUnapplied(-cents));
        changeOpen(invoice, invoice.openCents() - cents, InvoiceStatus.PAID, now);
        return payment.withApplication(invoice.invoiceId(), cents);
    }

    private void reverse(PaymentState payment, long now) {
        if (payment.reversed()) {
            return;
        }
        for (Application application : payment.applications()) {
            InvoiceState invoice = store.invoice(application.invoiceId());
            if (invoice == null) {
                continue; // purged long ago: nothing left to re-open
            }
            if (invoice.isOpen()) {
                changeOpen(invoice, invoice.openCents() + application.amountCents(), InvoiceStatus.PAID, now);
            } else if (invoice.status() == InvoiceStatus.PAID) {
                reopen(invoice, application.amountCents(), now);
            }
        }
        store.putTotals(store.totals().plusUnapplied(-payment.unappliedCents()));
        putPayment(payment.reversedNow(), now);
    }

    private void putPayment(PaymentState payment, long now) {
        if (payment.isSettled() && payment.closedAt() < 0) {
            store.putPayment(payment.withClosedAt(now));
            schedulePurge(Deadline.Kind.PURGE_PAYMENT, payment.paymentId(), now);
        } else {
            store.putPayment(payment);
        }
    }

    // ---- disputes ----

    private void applyDispute(DisputeEvent e, long now) {
        DisputeState dispute = store.dispute(e.disputeId());
        switch (e.eventType()) {
            case OPENED, UPDATED -> {
                if (dispute == null) {
                    store.putTotals(store.totals().plusDisputes(1, e.amountCents()));
                    store.putDispute(new DisputeState(e.disputeId(), e.invoiceId(), e.amountCents(), e.reasonCode(),
                            now, true, -1));
                } else if (dispute.open()) {
                    store.putTotals(store.totals().plusDisputes(0, e.amountCents() - dispute.amountCents()));
                    store.putDispute(new DisputeState(dispute.disputeId(), dispute.invoiceId(), e.amountCents(),
                            e.reasonCode(), dispute.openedAt(), true, -1));
                }
            }
            case RESOLVED -> {
                if (dispute == null || dispute.open()) {
                    if (dispute != null) {
                        store.putTotals(store.totals().plusDisputes(-1, -dispute.amountCents()));
                    }
                    // Remembered as resolved, so that an OPENED arriving after it does not open it again.
                    store.putDispute(new DisputeState(e.disputeId(), e.invoiceId(),
                            dispute == null ? e.amountCents() : dispute.amountCents(), e.reasonCode(),
                            dispute == null ? now : dispute.openedAt(), false, now));
                    schedulePurge(Deadline.Kind.PURGE_DISPUTE, e.disputeId(), now);
                }
            }
        }
    }

    // ---- overdue alerts ----

    private void raiseOverdue(InvoiceState invoice, int stage, long now) {
        String alertId = OverdueAlerts.alertId(customerId, invoice.invoiceId(), stage, invoice.openings());
        if (store.alert(alertId) != null) {
            store.putInvoice(invoice);
            return;
        }
        OpenAlert alert = OverdueAlerts.open(alertId, invoice, stage, calendar.daysPastDue(invoice.dueDate(), now),
                now);
        store.putAlert(alert);
        store.putInvoice(invoice.withAlert(alertId));
        output.alert(OverdueAlerts.transition(alert, customerId, store.profile(),
                store.openDisputesOn(invoice.invoiceId()) > 0, now, null));
    }

    private void resolve(String alertId, String invoiceId, long now, String why) {
        OpenAlert alert = store.alert(alertId);
        if (alert != null) {
            store.removeAlert(alertId);
            output.alert(OverdueAlerts.transition(alert, customerId, store.profile(),
                    store.openDisputesOn(invoiceId) > 0, now, why));
        }
    }

    // ---- events waiting for an invoice or payment not known yet ----

    private void startWaiting(String id, long now) {
        if (store.waitingSince(id) < 0) {
            store.markWaitingSince(id, now);
            scheduler.schedule(now + retention, new Deadline(Deadline.Kind.PURGE_WAITING, id, 0));
        }
    }

    /** The invoice or payment {@code id} arrived: what waited for it is applied now, in event-time order. */
    private void resumeWaitingFor(String id, long now) {
        long since = store.waitingSince(id);
        if (since < 0) {
            return;
        }
        scheduler.cancel(since + retention, new Deadline(Deadline.Kind.PURGE_WAITING, id, 0));
        List<InvoiceEvent> invoiceEvents = new ArrayList<>(store.waitingInvoiceEvents(id));
        List<PaymentEvent> paymentEvents = new ArrayList<>(store.waitingPaymentEvents(id));
        List<String> payments = store.paymentsWaitingFor(id);
        store.clearWaiting(id);
        invoiceEvents.sort(Comparator.comparingLong(InvoiceEvent::eventTime).thenComparing(InvoiceEvent::eventId));
        paymentEvents.sort(Comparator.comparingLong(PaymentEvent::eventTime).thenComparing(PaymentEvent::eventId));
        invoiceEvents.forEach(e -> applyInvoice(e, now));
        paymentEvents.forEach(e -> applyPayment(e, now));
        for (String paymentId : payments) {
            PaymentState payment = store.payment(paymentId);
            if (payment == null || payment.reversed()) {
                continue;
            }
            List<Allocation> stillWaiting = new ArrayList<>();
            List<Allocation> ready = new ArrayList<>();
            for (Allocation allocation : payment.waiting()) {
                (allocation.invoiceId().equals(id) ? ready : stillWaiting).add(allocation);
            }
            PaymentState resumed = payment.withWaiting(stillWaiting);
            for (Allocation allocation : ready) {
                resumed = allocate(resumed, allocation, now);
            }
            putPayment(resumed, now);
        }
    }

    /** Nothing came for {@code id} within the retention: waiting cash stays unapplied, waiting events lapse. */
    private void stopWaiting(String id) {
        for (String paymentId : store.paymentsWaitingFor(id)) {
            PaymentState payment = store.payment(paymentId);
            if (payment != null) {
                store.putPayment(payment.withWaiting(payment.waiting().stream()
                        .filter(a -> !a.invoiceId().equals(id)).toList()));
            }
        }
        store.clearWaiting(id);
    }

    private void schedulePurge(Deadline.Kind kind, String id, long now) {
        scheduler.schedule(now + retention, new Deadline(kind, id, 0));
    }

    private CollectionPolicy policyNow(long now) {
        CustomerUpdated profile = store.profile();
        return policies.policyFor(profile == null ? null : profile.segment(), now);
    }
}
