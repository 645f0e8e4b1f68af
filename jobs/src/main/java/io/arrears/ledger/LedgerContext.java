package io.arrears.ledger;

import io.arrears.model.CollectionPolicy;
import io.arrears.model.CustomerUpdated;
import io.arrears.model.Money;

/** What the ledger and its alert rules share for one customer. */
final class LedgerContext {

    static final long DAY = 86_400_000L;

    final String customerId;
    final LedgerStore store;
    final Scheduler scheduler;
    final AlertBook alerts;
    private PolicyBook policies;
    final BusinessCalendar calendar;
    final long retention;
    final KpiRecorder kpis;
    final InvoiceSchedule invoiceSchedule;

    LedgerContext(String customerId, LedgerStore store, Scheduler scheduler, AlertBook alerts, PolicyBook policies,
                  BusinessCalendar calendar, long retention, KpiRecorder kpis) {
        this.customerId = customerId;
        this.store = store;
        this.scheduler = scheduler;
        this.alerts = alerts;
        this.policies = policies;
        this.calendar = calendar;
        this.retention = retention;
        this.kpis = kpis;
        this.invoiceSchedule = new InvoiceSchedule(calendar, scheduler);
    }

    /** Something waits for the invoice or payment {@code id}: it is purged if nothing comes within the retention. */
    void startWaiting(String id, long now) {
        if (store.waitingSince(id) < 0) {
            store.markWaitingSince(id, now);
            scheduler.schedule(now + retention, Deadline.of(Deadline.Kind.PURGE_WAITING, id));
        }
    }

    /** A closed entity stays for the retention, then leaves state. */
    void schedulePurge(Deadline.Kind kind, String id, long now) {
        scheduler.schedule(now + retention, Deadline.of(kind, id));
    }

    /** Stores the invoice, its one deadline moved to what is next for it. */
    void putInvoice(InvoiceState invoice) {
        store.putInvoice(invoiceSchedule.synced(invoice));
    }

    /** A version this ledger was told of, in force from its eventTime even before its book has it. */
    void announce(io.arrears.model.CollectionPolicy version) {
        policies = policies.including(version);
    }

    /** The policy of the customer's segment in force at {@code at}. */
    CollectionPolicy policy(long at) {
        CustomerUpdated profile = store.profile();
        return policies.policyFor(profile == null ? null : profile.segment(), at);
    }

    /** The customer's currency, for customer-level alerts; null before master data arrived. */
    String currency() {
        CustomerUpdated profile = store.profile();
        return profile == null ? null : profile.currency();
    }

    static String money(long cents, String currency) {
        return Money.format(cents, currency == null ? "" : currency).trim();
    }
}
