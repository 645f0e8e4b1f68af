package io.arrears.pipeline;

import java.util.List;

import io.arrears.ledger.CustomerTotals;
import io.arrears.model.CustomerUpdated;

/**
 * A customer's own values, those nearly every event reads or changes: master data, running totals, its KPI
 * sums and scopes, the snapshot sequence, the latest account-level follow-up, how often its credit-limit alerts
 * were raised. One state entry, read at most once and written at most once per wake-up of the customer, instead
 * of one round trip per value.
 *
 * @param snapshotSequence asOf x 1000 + the sequence of the last snapshot, or Long.MIN_VALUE
 * @param lastAccountFollowUp business time of the latest follow-up without an invoice, or Long.MIN_VALUE
 * @param horizonTimer whether the timer at a replay's horizon is registered
 * @param kpiStocks the customer's KPI stocks, or null for all zero
 * @param kpiRunning the customer's KPI flow sums over the window, or null for all zero
 * @param kpiScopes the scopes its KPI contributions go to, or null before the first
 */
public record CustomerBook(
        CustomerUpdated profile,
        CustomerTotals totals,
        long snapshotSequence,
        long lastAccountFollowUp,
        int creditWarnings,
        int creditExceeded,
        boolean horizonTimer,
        long[] kpiStocks,
        long[] kpiRunning,
        List<String> kpiScopes) {

    static final CustomerBook EMPTY = new CustomerBook(null, null, Long.MIN_VALUE, Long.MIN_VALUE, 0, 0, false, null,
            null, null);

    CustomerBook withProfile(CustomerUpdated value) {
        return new CustomerBook(value, totals, snapshotSequence, lastAccountFollowUp, creditWarnings, creditExceeded,
                horizonTimer, kpiStocks, kpiRunning, kpiScopes);
    }

    CustomerBook withTotals(CustomerTotals value) {
        return new CustomerBook(profile, value, snapshotSequence, lastAccountFollowUp, creditWarnings, creditExceeded,
                horizonTimer, kpiStocks, kpiRunning, kpiScopes);
    }

    CustomerBook withSnapshotSequence(long value) {
        return new CustomerBook(profile, totals, value, lastAccountFollowUp, creditWarnings, creditExceeded,
                horizonTimer, kpiStocks, kpiRunning, kpiScopes);
    }

    CustomerBook withLastAccountFollowUp(long value) {
        return new CustomerBook(profile, totals, snapshotSequence, value, creditWarnings, creditExceeded,
                horizonTimer, kpiStocks, kpiRunning, kpiScopes);
    }

    CustomerBook withCreditAlerts(int warnings, int exceeded) {
        return new CustomerBook(profile, totals, snapshotSequence, lastAccountFollowUp, warnings, exceeded,
                horizonTimer, kpiStocks, kpiRunning, kpiScopes);
    }

    CustomerBook withHorizonTimer() {
        return new CustomerBook(profile, totals, snapshotSequence, lastAccountFollowUp, creditWarnings, creditExceeded,
                true, kpiStocks, kpiRunning, kpiScopes);
    }

    CustomerBook withKpis(long[] stocks, long[] running, List<String> scopes) {
        return new CustomerBook(profile, totals, snapshotSequence, lastAccountFollowUp, creditWarnings, creditExceeded,
                horizonTimer, stocks, running, scopes);
    }
}
