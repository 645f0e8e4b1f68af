package io.arrears.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.arrears.kpi.KpiSettings;
import io.arrears.kpi.KpiStore;
import io.arrears.model.ActivityType;
import io.arrears.model.AlertType;
import io.arrears.model.Allocation;
import io.arrears.model.CollectionActivity;
import io.arrears.model.CustomerEvent;
import io.arrears.model.CustomerUpdated;
import io.arrears.model.DisputeEvent;
import io.arrears.model.InvoiceEvent;
import io.arrears.model.InvoiceEventType;
import io.arrears.model.PaymentEvent;
import io.arrears.model.PaymentEventType;
import io.arrears.model.ReversalReason;

/**
 * One customer's accounts-receivable ledger: invoices and their open amounts, cash application, unapplied
 * cash, disputes, promises, aging, and the alerts that follow from them (one rule class each). Plain Java: it
 * reads and writes a {@link LedgerStore}, asks a {@link Scheduler} for deadlines and reports alert transitions
 * to a {@link LedgerOutput}. The rules are documented in docs/ledger.md and docs/alerts.md.
 *
 * <p>"now" is business time: the event time of the event being applied, or the instant of a deadline.
 */
public final class Ledger {

    private static final Comparator<InvoiceState> EARLIEST_DUE_FIRST =
            Comparator.comparing(InvoiceState::dueDate).thenComparing(InvoiceState::invoiceId);

    private final String customerId;
    private final LedgerStore store;
    private final Scheduler scheduler;
    private final BusinessCalendar calendar;
    private final long retention;
    private final LedgerContext context;
    private final KpiRecorder kpis;
    private final OverdueRule overdue;
    private final FollowUpRule followUp;
    private final DuplicateInvoiceRule duplicates;
    private final DisputeSlaRule disputeSla;
    private final PromiseRule promises;
    private final ReversalRule reversals;
    private final UnappliedCashRule unappliedCash;
    private final CreditLimitRule creditLimit;
    private final LedgerOutput output;

    /**
     * @param retention how long closed invoices, settled payments, resolved disputes and events waiting for
     *     an unknown invoice stay in state, in business time
     */
    public Ledger(String customerId, LedgerStore store, Scheduler scheduler, LedgerOutput output,
                  PolicyBook policies, BusinessCalendar calendar, Duration retention) {
        this(customerId, store, scheduler, output, policies, calendar, retention, null, null);
    }

    /**
     * @param kpiSettings how KPIs are computed, or null for none
     * @param kpiStore the customer's own KPI state
     */
    public Ledger(String customerId, LedgerStore store, Scheduler scheduler, LedgerOutput output,
                  PolicyBook policies, BusinessCalendar calendar, Duration retention, KpiSettings kpiSettings,
                  KpiStore kpiStore) {
        this.customerId = customerId;
        this.store = store;
        this.scheduler = scheduler;
        this.calendar = calendar;
        this.retention = retention.toMillis();
        this.output = output;
        this.kpis = kpiSettings == null ? KpiRecorder.off() : KpiRecorder.of(kpiSettings, kpiStore, scheduler, output);
        this.context = new LedgerContext(customerId, store, scheduler, new AlertBook(customerId, store, output),
                policies, calendar, this.retention, kpis);
        this.overdue = new OverdueRule(context);
        this.followUp = new FollowUpRule(context);
        this.duplicates = new DuplicateInvoiceRule(context);
        this.disputeSla = new DisputeSlaRule(context);
        this.promises = new PromiseRule(context);
        this.reversals = new ReversalRule(context);
        this.unappliedCash = new UnappliedCashRule(context);
        this.creditLimit = new CreditLimitRule(context);
    }

    /** Applies one event at business time {@code now}; a re-delivered event id changes nothing. */
    public boolean apply(CustomerEvent event, long now) {
        if (!store.firstSighting(event.eventId())) {
            return false;
        }
        countFlows(event, now);
        if (event.customer() != null) {
            applyCustomer(event.customer(), now);
        } else if (event.invoice() != null) {
            applyInvoice(event.invoice(), now);
        } else if (event.payment() != null) {
            applyPayment(event.payment(), now);
        } else if (event.dispute() != null) {
            applyDispute(event.dispute(), now);
        } else if (event.activity() != null) {
            applyActivity(event.activity(), now);
        } else if (event.policyChange() != null) {
            context.announce(event.policyChange().policy());
            applyPolicyChange(now);
        }
        creditLimit.evaluate(now);
        kpis.flush(now, store.profile());
        return true;
    }

    /** Collections and write-offs count as the events say, whatever state they find. */
    private void countFlows(CustomerEvent event, long now) {
        PaymentEvent payment = event.payment();
        if (payment != null) {
            long cents = payment.eventType() == PaymentEventType.RECEIVED ? payment.amountCents()
                    : payment.eventType() == PaymentEventType.APPLIED ? 0 : -payment.amountCents();
            kpis.collected(payment.currency(), cents, now);
        }
        InvoiceEvent invoice = event.invoice();
        if (invoice != null && invoice.eventType() == InvoiceEventType.WRITTEN_OFF) {
            kpis.writtenOff(invoice.currency(), invoice.amountCents(), now);
        }
    }

    /** Business time reached a deadline scheduled earlier. */
    public void onDeadline(Deadline deadline, long now) {
        String id = deadline.entityId();
        switch (deadline.kind()) {
            case INVOICE -> wake(id, now);
            case DISPUTE_AT_RISK, DISPUTE_BREACH -> {
                DisputeState dispute = store.dispute(id);
                if (dispute != null) {
                    store.putDispute(disputeSla.onDeadline(dispute, deadline.kind() == Deadline.Kind.DISPUTE_AT_RISK
                            ? AlertType.DISPUTE_SLA_AT_RISK : AlertType.DISPUTE_SLA_BREACHED, now));
                    reportDispute(id, now);
                }
            }
            case PROMISE_CHECK -> promises.onDeadline(id, now);
            case UNAPPLIED_CASH_CHECK -> {
                PaymentState payment = store.payment(id);
                if (payment != null) {
                    store.putPayment(unappliedCash.onDeadline(payment, now));
                }
            }
            case PURGE_INVOICE -> {
                InvoiceState invoice = store.invoice(id);
                if (invoice != null && !invoice.isOpen()) {
                    duplicates.onPurged(invoice);
                    store.removeInvoice(id);
                }
            }
            case PURGE_PAYMENT -> {
                PaymentState payment = store.payment(id);
                if (payment != null && payment.closedAt() >= 0) {
                    store.removePayment(id);
                }
            }
            case PURGE_DISPUTE -> {
                DisputeState dispute = store.dispute(id);
                if (dispute != null && !dispute.open()) {
                    store.removeDispute(id);
                }
            }
            case PURGE_WAITING -> stopWaiting(id);
            case KPI_WINDOW -> kpis.onWindowDeadline(now);
            case KPI_DAYS -> kpis.onDaysDeadline(now);
        }
        kpis.flush(now, store.profile());
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
                totals.openDisputes(), totals.disputedAmount(), limit, utilization, asOf * 1000 + sequence,
                kpis.snapshot(customerId, asOf));
    }

    /**
     * Business time reached an open invoice's instant: in this order, what is due by now of its aging crossing,
     * overdue stages and follow-up check.
     */
    private void wake(String invoiceId, long now) {
        InvoiceState invoice = store.invoice(invoiceId);
        if (invoice == null || !invoice.isOpen()) {
            return;
        }
        AgingBucket next = invoice.bucket().next();
        if (next != null && context.invoiceSchedule.agingAt(invoice, next) <= now) {
            invoice = moveToBucket(invoice, next, now);
        }
        context.putInvoice(followUp.onDeadline(overdue.onDeadline(invoice.withWakeAt(-1), now), now));
    }

    // ---- customers and policies ----

    private void applyCustomer(CustomerUpdated e, long now) {
        CustomerUpdated current = store.profile();
        if (current == null || e.eventTime() >= current.eventTime()) {
            // An older version arriving late does not replace newer master data.
            store.putProfile(e);
            if (current != null && !current.segment().equals(e.segment())) {
                applyPolicyChange(now); // another segment, perhaps another policy
            }
        }
    }

    /**
     * A new policy version is in force from now: deadlines still ahead are computed again under it, and one it
     * puts at or before now fires now. Overdue stages already raised stay raised.
     */
    private void applyPolicyChange(long now) {
        for (InvoiceState invoice : store.openInvoices()) {
            InvoiceState rescheduled = overdue.schedule(invoice.withSchedule(List.of(), invoice.graceDays()),
                    context.policy(now), now);
            context.putInvoice(followUp.reschedule(rescheduled, now));
        }
        for (DisputeState dispute : store.openDisputes()) {
            store.putDispute(disputeSla.reschedule(dispute, now));
        }
        promises.reschedule(now);
        for (PaymentState payment : store.paymentsWithUnappliedCash()) {
            store.putPayment(unappliedCash.reschedule(payment, now));
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
                -1, 1, List.of(), -1, Long.MIN_VALUE, -1);
        kpis.sales(e.issueDate(), e.currency(), 0, e.amountCents(), 1);
        if (invoice.openCents() == 0) {
            context.putInvoice(invoice.closed(InvoiceStatus.CREDITED, now, List.of()));
            schedulePurge(Deadline.Kind.PURGE_INVOICE, e.invoiceId(), now);
        } else {
            open(invoice, now);
        }
        duplicates.onIssued(store.invoice(e.invoiceId()), now);
        resumeWaitingFor(e.invoiceId(), now);
    }

    /** Counts an open invoice in the totals and schedules what is ahead of it: aging, overdue stages, follow-up. */
    private void open(InvoiceState invoice, long now) {
        AgingBucket bucket = AgingBucket.of(calendar.daysPastDue(invoice.dueDate(), now));
        store.putTotals(store.totals().plusOpen(bucket, invoice.openCents(), 1));
        kpis.openAmount(invoice.currency(), bucket, 0, invoice.openCents(), now);
        InvoiceState scheduled = overdue.schedule(invoice.inBucket(bucket), context.policy(now), now);
        context.putInvoice(followUp.schedule(scheduled, now));
    }

    /** Takes an invoice out of the totals, cancels its deadlines and resolves the alerts closing ends. */
    private void close(InvoiceState invoice, InvoiceStatus how, long now) {
        if (!invoice.isOpen()) {
            if (how == InvoiceStatus.CANCELLED && invoice.status() != InvoiceStatus.CANCELLED) {
                if (invoice.status() == InvoiceStatus.PAID) {
                    kpis.paid(invoice, -1, now);
                }
                kpis.sales(invoice.issueDate(), invoice.currency(), invoice.totalCents(), 0, -1);
                List<String> stillOpen = resolveOnClose(invoice, how, now);
                context.putInvoice(invoice.closed(how, invoice.closedAt(), stillOpen));
            }
            return;
        }
        store.putTotals(store.totals().plusOpen(invoice.bucket(), -invoice.openCents(), -1));
        kpis.openAmount(invoice.currency(), invoice.bucket(), invoice.openCents(), 0, now);
        if (how == InvoiceStatus.CANCELLED) {
            kpis.sales(invoice.issueDate(), invoice.currency(), invoice.totalCents(), 0, -1);
        }
        List<String> stillOpen = resolveOnClose(invoice, how, now);
        InvoiceState closed = invoice.closed(how, now, stillOpen);
        context.putInvoice(closed);
        if (how == InvoiceStatus.PAID) {
            kpis.paid(closed, 1, now);
        }
        schedulePurge(Deadline.Kind.PURGE_INVOICE, invoice.invoiceId(), now);
    }

    /** Resolves the invoice's alerts that closing this way ends; returns the ids of those that stay open. */
    private List<String> resolveOnClose(InvoiceState invoice, InvoiceStatus how, long now) {
        List<String> stillOpen = new ArrayList<>();
        for (String alertId : invoice.openAlertIds()) {
            OpenAlert alert = store.alert(alertId);
            if (alert == null) {
                continue;
            }
            if (alert.alertType() == AlertType.DUPLICATE_INVOICE && !DuplicateInvoiceRule.resolvesDuplicates(how)) {
                stillOpen.add(alertId);
            } else {
                context.alerts.resolve(alertId, now, "invoice " + invoice.invoiceId() + " " + how.description());
            }
        }
        return stillOpen;
    }

    private void reopen(InvoiceState invoice, long amount, long now) {
        kpis.paid(invoice, -1, now);
        scheduler.cancel(invoice.closedAt() + retention, Deadline.of(Deadline.Kind.PURGE_INVOICE,
                invoice.invoiceId()));
        open(invoice.reopened(amount), now);
    }

    private void adjust(InvoiceState invoice, long newTotal, long now) {
        long delta = newTotal - invoice.totalCents();
        if (invoice.status() != InvoiceStatus.CANCELLED) {
            kpis.sales(invoice.issueDate(), invoice.currency(), invoice.totalCents(), newTotal, 0);
        }
        if (invoice.isOpen()) {
            long open = Math.max(0, invoice.openCents() + delta);
            changeOpen(invoice.withTotalAndOpen(newTotal, invoice.openCents()), open, InvoiceStatus.CREDITED, now);
        } else if (invoice.status() == InvoiceStatus.PAID && delta > 0) {
            reopen(invoice.withTotalAndOpen(newTotal, 0), delta, now);
        } else {
            InvoiceState adjusted = invoice.withTotalAndOpen(newTotal, invoice.openCents());
            if (invoice.status() == InvoiceStatus.PAID) {
                kpis.paid(invoice, -1, now);
                kpis.paid(adjusted, 1, now);
            }
            context.putInvoice(adjusted);
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
        kpis.openAmount(invoice.currency(), invoice.bucket(), invoice.openCents(), open, now);
        InvoiceState changed = invoice.withOpen(open);
        if (open == 0) {
            // Closing subtracts the open amount, which is zero now: the invoice count is what changes.
            close(changed, closedAs, now);
        } else {
            context.putInvoice(changed);
        }
    }

    private InvoiceState moveToBucket(InvoiceState invoice, AgingBucket entered, long now) {
        store.putTotals(store.totals().plusOpen(invoice.bucket(), -invoice.openCents(), 0)
                .plusOpen(entered, invoice.openCents(), 0));
        kpis.openAmount(invoice.currency(), invoice.bucket(), invoice.openCents(), 0, now);
        kpis.openAmount(invoice.currency(), entered, 0, invoice.openCents(), now);
        return invoice.inBucket(entered);
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
            case REVERSED -> reverse(payment, e.reversalReason(), now);
            case REFUNDED -> {
                long refund = Math.min(e.amountCents(), payment.unappliedCents());
                store.putTotals(store.totals().plusUnapplied(-refund));
                kpis.unapplied(payment.currency(), payment.unappliedCents(), payment.unappliedCents() - refund);
                putPayment(payment.withUnapplied(payment.unappliedCents() - refund), now);
            }
        }
    }

    private void receive(PaymentEvent e, long now) {
        PaymentState payment = new PaymentState(e.paymentId(), e.amountCents(), e.amountCents(), e.currency(), now,
                List.of(), List.of(), false, -1, -1);
        store.putTotals(store.totals().plusUnapplied(e.amountCents()));
        kpis.unapplied(e.currency(), 0, e.amountCents());
        reversals.onReceived(e.amountCents(), now);
        promises.onPayment(e.amountCents(), now, now);
        if (e.allocations().isEmpty()) {
            payment = autoMatch(payment, now);
        } else {
            for (Allocation allocation : e.allocations()) {
                payment = allocate(payment, allocation, now);
            }
        }
        putPayment(unappliedCash.onReceived(payment, now), now);
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
        kpis.unapplied(payment.currency(), payment.unappliedCents(), payment.unappliedCents() - cents);
        changeOpen(invoice, invoice.openCents() - cents, InvoiceStatus.PAID, now);
        return payment.withApplication(invoice.invoiceId(), cents);
    }

    private void reverse(PaymentState payment, ReversalReason reason, long now) {
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
        kpis.unapplied(payment.currency(), payment.unappliedCents(), 0);
        promises.onPayment(-payment.amountCents(), payment.receivedAt(), now);
        reversals.onReversed(payment, reason, now);
        putPayment(payment.reversedNow(), now);
    }

    private void putPayment(PaymentState payment, long now) {
        PaymentState checked = unappliedCash.afterChange(payment, now);
        if (checked.isSettled() && checked.closedAt() < 0) {
            store.putPayment(checked.withClosedAt(now));
            schedulePurge(Deadline.Kind.PURGE_PAYMENT, checked.paymentId(), now);
        } else {
            store.putPayment(checked);
        }
    }

    // ---- disputes and activities ----

    private void applyDispute(DisputeEvent e, long now) {
        DisputeState dispute = store.dispute(e.disputeId());
        switch (e.eventType()) {
            case OPENED, UPDATED -> {
                if (dispute == null) {
                    store.putTotals(store.totals().plusDisputes(1, e.amountCents()));
                    kpis.dispute(disputeCurrency(e.invoiceId()), 1, 0, e.amountCents());
                    DisputeState opened = DisputeState.opened(e.disputeId(), e.invoiceId(), e.amountCents(),
                            e.reasonCode(), now);
                    store.putDispute(opened);
                    store.putDispute(disputeSla.schedule(opened, now));
                } else if (dispute.open()) {
                    store.putTotals(store.totals().plusDisputes(0, e.amountCents() - dispute.amountCents()));
                    kpis.dispute(disputeCurrency(e.invoiceId()), 0, dispute.amountCents(), e.amountCents());
                    store.putDispute(dispute.updated(e.amountCents(), e.reasonCode()));
                }
            }
            case RESOLVED -> {
                if (dispute == null) {
                    // Remembered as resolved, so that an OPENED arriving after it does not open it again.
                    store.putDispute(DisputeState.opened(e.disputeId(), e.invoiceId(), e.amountCents(), e.reasonCode(),
                            now).resolved(now));
                    schedulePurge(Deadline.Kind.PURGE_DISPUTE, e.disputeId(), now);
                } else if (dispute.open()) {
                    store.putTotals(store.totals().plusDisputes(-1, -dispute.amountCents()));
                    kpis.dispute(disputeCurrency(dispute.invoiceId()), -1, dispute.amountCents(), 0);
                    disputeSla.onResolved(dispute, now);
                    store.putDispute(dispute.resolved(now));
                    schedulePurge(Deadline.Kind.PURGE_DISPUTE, e.disputeId(), now);
                }
            }
        }
        DisputeState after = store.dispute(e.disputeId());
        if (after != null && !after.equals(dispute)) {
            reportDispute(e.disputeId(), now);
        }
    }

    private void reportDispute(String disputeId, long now) {
        DisputeState dispute = store.dispute(disputeId);
        CustomerUpdated profile = store.profile();
        String sla = !dispute.open() ? "RESOLVED"
                : dispute.openAlertIds().stream().anyMatch(a -> a.contains(":" + AlertType.DISPUTE_SLA_BREACHED + ":"))
                ? "BREACHED"
                : dispute.openAlertIds().stream().anyMatch(a -> a.contains(":" + AlertType.DISPUTE_SLA_AT_RISK + ":"))
                ? "AT_RISK" : "WITHIN";
        output.dispute(new DisputeSnapshot(disputeId, customerId, dispute.invoiceId(),
                profile == null ? null : profile.collectorId(), profile == null ? null : profile.segment(),
                dispute.reasonCode().name(), dispute.amountCents(), disputeCurrency(dispute.invoiceId()),
                dispute.openedAt(), dispute.open(), dispute.open() ? null : dispute.resolvedAt(), sla, now));
    }

    /** Disputed amounts are in the currency of the disputed invoice, else of the customer. */
    private String disputeCurrency(String invoiceId) {
        InvoiceState invoice = invoiceId == null ? null : store.invoice(invoiceId);
        return invoice != null ? invoice.currency() : context.currency();
    }

    private void applyActivity(CollectionActivity activity, long now) {
        followUp.onActivity(activity, now);
        if (activity.activityType() == ActivityType.PROMISE_TO_PAY) {
            promises.onPromise(activity, now);
        }
    }

    // ---- events waiting for an invoice or payment not known yet ----

    private void startWaiting(String id, long now) {
        if (store.waitingSince(id) < 0) {
            store.markWaitingSince(id, now);
            scheduler.schedule(now + retention, Deadline.of(Deadline.Kind.PURGE_WAITING, id));
        }
    }

    /** The invoice or payment {@code id} arrived: what waited for it is applied now, in event-time order. */
    private void resumeWaitingFor(String id, long now) {
        long since = store.waitingSince(id);
        if (since < 0) {
            return;
        }
        scheduler.cancel(since + retention, Deadline.of(Deadline.Kind.PURGE_WAITING, id));
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
        scheduler.schedule(now + retention, Deadline.of(kind, id));
    }
}
