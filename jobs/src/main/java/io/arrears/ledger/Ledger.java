package io.arrears.ledger;

import java.time.Duration;

import io.arrears.kpi.KpiSettings;
import io.arrears.kpi.KpiStore;
import io.arrears.model.ActivityType;
import io.arrears.model.AlertType;
import io.arrears.model.CollectionActivity;
import io.arrears.model.CustomerEvent;
import io.arrears.model.CustomerUpdated;
import io.arrears.model.InvoiceEvent;
import io.arrears.model.InvoiceEventType;
import io.arrears.model.PaymentEvent;
import io.arrears.model.PaymentEventType;

/**
 * One customer's accounts-receivable ledger: invoices and their open amounts ({@link Invoices}), cash
 * application ({@link CashApplication}), disputes ({@link Disputes}), promises, aging, events waiting for what
 * they name ({@link WaitingForUnknown}), and the alerts that follow from them (one rule class each). Plain Java:
 * it reads and writes a {@link LedgerStore}, asks a {@link Scheduler} for deadlines and reports alert
 * transitions to a {@link LedgerOutput}. The rules are documented in docs/ledger.md and docs/alerts.md. Each kind
 * of event and of deadline is dispatched here, in one switch.
 *
 * <p>"now" is business time: the event time of the event being applied, or the instant of a deadline.
 */
public final class Ledger {

    private final String customerId;
    private final LedgerStore store;
    private final LedgerOutput output;
    private final LedgerContext context;
    private final KpiRecorder kpis;
    private final Invoices invoices;
    private final CashApplication cash;
    private final Disputes disputes;
    private final WaitingForUnknown waiting;
    private final FollowUpRule followUp;
    private final PromiseRule promises;
    private final CreditLimitRule creditLimit;

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
        this.output = output;
        this.kpis = kpiSettings == null ? KpiRecorder.off() : KpiRecorder.of(kpiSettings, kpiStore, scheduler, output);
        this.context = new LedgerContext(customerId, store, scheduler, new AlertBook(customerId, store, output),
                policies, calendar, retention.toMillis(), kpis);
        Books books = new Books(store, kpis);
        this.promises = new PromiseRule(context);
        this.followUp = new FollowUpRule(context);
        this.invoices = new Invoices(context, books, followUp);
        this.cash = new CashApplication(context, books, invoices, promises);
        this.disputes = new Disputes(context, books, output);
        this.waiting = new WaitingForUnknown(context, invoices, cash);
        this.creditLimit = new CreditLimitRule(context);
    }

    /**
     * Applies one event at business time {@code now}; a re-delivered event id changes nothing, and neither does
     * an event the books cannot hold, which goes to {@link LedgerOutput#refused}.
     */
    public boolean apply(CustomerEvent event, long now) {
        String refusal = CustomerCapacity.refusal(event, store.totals());
        if (refusal != null) {
            output.refused(event, refusal);
            return false;
        }
        if (!store.firstSighting(event.eventId(), now)) {
            return false;
        }
        switch (event.kind()) {
            case CUSTOMER -> applyCustomer(event.customer(), now);
            case INVOICE -> {
                InvoiceEvent invoice = event.invoice();
                if (invoice.eventType() == InvoiceEventType.WRITTEN_OFF) {
                    kpis.writtenOff(invoice.currency(), invoice.amountCents(), now);
                }
                if (invoices.apply(invoice, now)) {
                    waiting.resume(invoice.invoiceId(), now);
                }
            }
            case PAYMENT -> {
                PaymentEvent payment = event.payment();
                countCollected(payment, now);
                if (cash.apply(payment, now)) {
                    waiting.resume(payment.paymentId(), now);
                }
            }
            case DISPUTE -> disputes.apply(event.dispute(), now);
            case ACTIVITY -> applyActivity(event.activity(), now);
            case POLICY_CHANGE -> {
                context.announce(event.policyChange().policy());
                applyPolicyChange(now);
            }
        }
        creditLimit.evaluate(now);
        kpis.flush(now, store.profile());
        return true;
    }

    /** Collections count as the payment events say, whatever state they find. */
    private void countCollected(PaymentEvent payment, long now) {
        long cents = switch (payment.eventType()) {
            case RECEIVED -> payment.amountCents();
            case APPLIED -> 0;
            case REVERSED, REFUNDED -> -payment.amountCents();
        };
        kpis.collected(payment.currency(), cents, now);
    }

    /** Business time reached a deadline scheduled earlier. */
    public void onDeadline(Deadline deadline, long now) {
        String id = deadline.entityId();
        switch (deadline.kind()) {
            case INVOICE -> invoices.wake(id, now);
            case DISPUTE_AT_RISK -> disputes.onSlaDeadline(id, AlertType.DISPUTE_SLA_AT_RISK, now);
            case DISPUTE_BREACH -> disputes.onSlaDeadline(id, AlertType.DISPUTE_SLA_BREACHED, now);
            case PROMISE_CHECK -> promises.onDeadline(id, now);
            case UNAPPLIED_CASH_CHECK -> cash.onUnappliedCashCheck(id, now);
            case PURGE_INVOICE -> invoices.purge(id);
            case PURGE_PAYMENT -> cash.purge(id);
            case PURGE_DISPUTE -> disputes.purge(id);
            case PURGE_WAITING -> waiting.stop(id);
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
        invoices.onPolicyChange(now);
        disputes.onPolicyChange(now);
        promises.reschedule(now);
        cash.onPolicyChange(now);
    }

    private void applyActivity(CollectionActivity activity, long now) {
        followUp.onActivity(activity, now);
        if (activity.activityType() == ActivityType.PROMISE_TO_PAY) {
            promises.onPromise(activity, now);
        }
    }
}
