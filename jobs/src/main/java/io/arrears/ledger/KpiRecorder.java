package io.arrears.ledger;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.arrears.kpi.DayMeasure;
import io.arrears.kpi.Flow;
import io.arrears.kpi.KpiAccumulator;
import io.arrears.kpi.KpiDelta;
import io.arrears.kpi.KpiScope;
import io.arrears.kpi.KpiSettings;
import io.arrears.kpi.KpiStore;
import io.arrears.kpi.KpiSnapshot;
import io.arrears.kpi.Stock;
import io.arrears.model.CustomerUpdated;

/**
 * Turns what happens in one customer's ledger into KPI contributions (docs/kpis.md), converted into the
 * reporting currency. What one call of the ledger changed is gathered, then {@link #flush flushed}: added to the
 * customer's own KPIs and sent to each of its scopes (portfolio, segment, collector). When the customer moves
 * to another segment or collector, everything it contributed moves with it.
 */
public final class KpiRecorder {

    private static final KpiRecorder OFF = new KpiRecorder(null, null, null, null);

    private final KpiSettings settings;
    private final KpiStore store;
    private final Scheduler scheduler;
    private final LedgerOutput output;
    private final KpiAccumulator own;
    private long[] stocks;
    private final Map<Long, long[]> flows = new TreeMap<>();
    private final Map<Long, long[]> days = new TreeMap<>();

    private KpiRecorder(KpiSettings settings, KpiStore store, Scheduler scheduler, LedgerOutput output) {
        this.settings = settings;
        this.store = store;
        this.scheduler = scheduler;
        this.output = output;
        this.own = settings == null ? null : new KpiAccumulator(store, settings);
    }

    /** Records nothing: KPIs are off. */
    public static KpiRecorder off() {
        return OFF;
    }

    public static KpiRecorder of(KpiSettings settings, KpiStore store, Scheduler scheduler, LedgerOutput output) {
        return settings.enabled() ? new KpiRecorder(settings, store, scheduler, output) : OFF;
    }

    boolean enabled() {
        return settings != null;
    }

    // ---- what happened ----

    void openAmount(String currency, AgingBucket bucket, long before, long after, long now) {
        if (enabled()) {
            long change = convert(after, currency) - convert(before, currency);
            stock(Stock.values()[bucket.ordinal()], change);
            flow(now, Flow.AR_CHANGE, change);
        }
    }

    void unapplied(String currency, long before, long after) {
        if (enabled()) {
            stock(Stock.UNAPPLIED_CASH, convert(after, currency) - convert(before, currency));
        }
    }

    void dispute(String currency, int count, long amountBefore, long amountAfter) {
        if (enabled()) {
            stock(Stock.OPEN_DISPUTES, count);
            stock(Stock.DISPUTED_AMOUNT, convert(amountAfter, currency) - convert(amountBefore, currency));
        }
    }

    void disputePastSla(int count) {
        if (enabled()) {
            stock(Stock.DISPUTES_PAST_SLA, count);
        }
    }

    void disputeResolved(long openedAt, boolean withinSla, long now) {
        if (enabled()) {
            flow(now, Flow.DISPUTES_RESOLVED, 1);
            flow(now, Flow.DISPUTE_RESOLUTION_MILLIS, now - openedAt);
            flow(now, Flow.DISPUTES_RESOLVED_WITHIN_SLA, withinSla ? 1 : 0);
        }
    }

    /** Cash in (positive, RECEIVED) or out again (negative, REVERSED or REFUNDED). */
    void collected(String currency, long cents, long now) {
        if (enabled()) {
            flow(now, Flow.COLLECTIONS, convert(cents, currency));
        }
    }

    void writtenOff(String currency, long cents, long now) {
        if (enabled()) {
            flow(now, Flow.WRITE_OFFS, convert(cents, currency));
        }
    }

    /** An invoice's total counts in sales from {@code before} to {@code after} (0 when not, or no longer). */
    void sales(LocalDate issueDate, String currency, long before, long after, int invoices) {
        if (enabled()) {
            long[] measures = day(issueDate);
            measures[DayMeasure.SALES.ordinal()] += convert(after, currency) - convert(before, currency);
            measures[DayMeasure.INVOICES.ordinal()] += invoices;
        }
    }

    /** An invoice paid at {@code invoice.closedAt()} counts as paid (sign 1) or no longer does (sign -1). */
    void paid(InvoiceState invoice, int sign, long now) {
        if (!enabled()) {
            return;
        }
        long paidAt = invoice.closedAt();
        LocalDate paidDate = settings.calendar().dateOf(paidAt);
        long total = sign * convert(invoice.totalCents(), invoice.currency());
        long daysToPay = ChronoUnit.DAYS.between(invoice.issueDate(), paidDate);
        long beyondTerms = Math.max(0, ChronoUnit.DAYS.between(invoice.dueDate(), paidDate));
        if (paidAt + settings.windowMillis() > now) {
            flow(paidAt, Flow.INVOICES_PAID, sign);
            flow(paidAt, Flow.PAID_TOTAL, total);
            flow(paidAt, Flow.PAID_TOTAL_X_DAYS_TO_PAY, total * daysToPay);
            flow(paidAt, Flow.PAID_TOTAL_X_DAYS_BEYOND_TERMS, total * beyondTerms);
            flow(paidAt, Flow.PAID_WITHIN_TERMS, paidDate.isAfter(invoice.dueDate()) ? 0 : sign);
        }
        if (daysToPay <= 30) {
            day(invoice.issueDate())[DayMeasure.PAID_WITHIN_30_DAYS.ordinal()] += sign;
        }
    }

    void followUpChecked(boolean followedUp, long now) {
        if (enabled()) {
            flow(now, Flow.FOLLOW_UP_CHECKS, 1);
            flow(now, Flow.FOLLOW_UPS_MADE, followedUp ? 1 : 0);
        }
    }

    void promiseChecked(boolean kept, long now) {
        if (enabled()) {
            flow(now, Flow.PROMISE_CHECKS, 1);
            flow(now, Flow.PROMISES_KEPT, kept ? 1 : 0);
        }
    }

    // ---- business time ----

    void onWindowDeadline(long now) {
        if (enabled()) {
            own.leave(now);
        }
    }

    void onDaysDeadline(long now) {
        if (enabled()) {
            own.forgetDaysBefore(now);
        }
    }

    /** The customer's own KPIs at {@code asOf}; null when KPIs are off. */
    KpiSnapshot snapshot(String customerId, long asOf) {
        return enabled() ? new KpiSnapshot(KpiScope.CUSTOMER, customerId, asOf, settings.rates().reporting(),
                settings.windowDays(), own.values(asOf)) : null;
    }

    /**
     * Adds what was gathered to the customer's KPIs and sends it to its scopes, after moving what it contributed
     * before if its scopes changed.
     */
    void flush(long now, CustomerUpdated profile) {
        if (!enabled()) {
            return;
        }
        List<String> scopes = scopesOf(profile);
        List<String> before = store.scopes();
        if (!scopes.equals(before)) {
            List<String> left = before == null ? List.of() : before;
            List<KpiDelta> contents = own.contents(KpiScope.CUSTOMER, null, now);
            for (String scope : left) {
                if (!scopes.contains(scope)) {
                    contents.forEach(d -> send(scope, d.negated()));
                }
            }
            for (String scope : scopes) {
                if (!left.contains(scope)) {
                    contents.forEach(d -> send(scope, d));
                }
            }
            store.putScopes(scopes);
        }
        for (KpiDelta delta : gathered(now)) {
            own.add(delta, now, at -> scheduler.schedule(at, Deadline.of(Deadline.Kind.KPI_WINDOW, "")),
                    at -> scheduler.schedule(at, Deadline.of(Deadline.Kind.KPI_DAYS, "")));
            for (String scope : scopes) {
                send(scope, delta);
            }
        }
    }

    private void send(String scopeKey, KpiDelta delta) {
        output.kpi(delta.in(KpiScope.ofKey(scopeKey), KpiScope.idOfKey(scopeKey)));
    }

    private static List<String> scopesOf(CustomerUpdated profile) {
        String segment = profile == null || profile.segment() == null ? KpiScope.UNKNOWN_SEGMENT : profile.segment();
        String collector = profile == null || profile.collectorId() == null
                ? KpiScope.UNASSIGNED : profile.collectorId();
        return List.of(KpiScope.PORTFOLIO.key(KpiScope.ALL), KpiScope.SEGMENT.key(segment),
                KpiScope.COLLECTOR.key(collector));
    }

    /** What was gathered as deltas: stock changes, flows per instant, measures per issue date. */
    private List<KpiDelta> gathered(long now) {
        List<KpiDelta> deltas = new ArrayList<>();
        Iterator<Map.Entry<Long, long[]>> flowEntries = flows.entrySet().iterator();
        Iterator<Map.Entry<Long, long[]>> dayEntries = days.entrySet().iterator();
        long[] stockChanges = stocks;
        while (stockChanges != null || flowEntries.hasNext() || dayEntries.hasNext()) {
            Map.Entry<Long, long[]> flow = flowEntries.hasNext() ? flowEntries.next() : null;
            Map.Entry<Long, long[]> day = dayEntries.hasNext() ? dayEntries.next() : null;
            deltas.add(new KpiDelta(KpiScope.CUSTOMER, null, now, stockChanges,
                    flow == null ? now : flow.getKey(), flow == null ? null : flow.getValue(),
                    day == null ? 0 : day.getKey(), day == null ? null : day.getValue()));
            stockChanges = null;
        }
        stocks = null;
        flows.clear();
        days.clear();
        return deltas;
    }

    private void stock(Stock stock, long change) {
        if (change != 0) {
            if (stocks == null) {
                stocks = new long[Stock.values().length];
            }
            stocks[stock.ordinal()] += change;
        }
    }

    private void flow(long origin, Flow flow, long change) {
        if (change != 0) {
            flows.computeIfAbsent(origin, o -> new long[Flow.values().length])[flow.ordinal()] += change;
        }
    }

    private long[] day(LocalDate issueDate) {
        return days.computeIfAbsent(issueDate.toEpochDay(), d -> new long[DayMeasure.values().length]);
    }

    private long convert(long cents, String currency) {
        return settings.rates().convert(cents, currency);
    }
}
