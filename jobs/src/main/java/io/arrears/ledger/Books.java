package io.arrears.ledger;

/**
 * The customer's books: its running totals and its KPIs, changed together, in one call per kind of money
 * movement, so that they cannot drift apart. Amounts are in the currency of what moved (cents); the KPIs convert
 * them into the reporting currency.
 */
final class Books {

    private final LedgerStore store;
    private final KpiRecorder kpis;

    Books(LedgerStore store, KpiRecorder kpis) {
        this.store = store;
        this.kpis = kpis;
    }

    /** An open amount in {@code bucket} goes from {@code before} to {@code after}; {@code invoices} open or close. */
    void openAmount(String currency, AgingBucket bucket, long before, long after, int invoices, long now) {
        store.putTotals(store.totals().plusOpen(bucket, after - before, invoices));
        kpis.openAmount(currency, bucket, before, after, now);
    }

    /** An open amount ages from one bucket into the next. */
    void ages(String currency, AgingBucket from, AgingBucket to, long amount, long now) {
        store.putTotals(store.totals().plusOpen(from, -amount, 0).plusOpen(to, amount, 0));
        kpis.openAmount(currency, from, amount, 0, now);
        kpis.openAmount(currency, to, 0, amount, now);
    }

    /** A payment's unapplied cash goes from {@code before} to {@code after}. */
    void unapplied(String currency, long before, long after) {
        store.putTotals(store.totals().plusUnapplied(after - before));
        kpis.unapplied(currency, before, after);
    }

    /** A disputed amount goes from {@code before} to {@code after}; {@code disputes} open or resolve. */
    void disputed(String currency, int disputes, long before, long after) {
        store.putTotals(store.totals().plusDisputes(disputes, after - before));
        kpis.dispute(currency, disputes, before, after);
    }
}
