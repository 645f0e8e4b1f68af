package io.arrears.ledger;

import io.arrears.model.AlertType;
import io.arrears.model.CustomerUpdated;
import io.arrears.model.Severity;

/**
 * CREDIT_LIMIT_WARNING when arTotal reaches creditWarnUtilization x creditLimit (resolved when it falls below)
 * and CREDIT_LIMIT_EXCEEDED when arTotal exceeds creditLimit (resolved when it is back at or below). Evaluated
 * after every change; each time a condition becomes true again it is a new occurrence.
 */
final class CreditLimitRule {

    private final LedgerContext ledger;

    CreditLimitRule(LedgerContext ledger) {
        this.ledger = ledger;
    }

    void evaluate(long now) {
        CustomerUpdated profile = ledger.store.profile();
        Long limit = profile == null ? null : profile.creditLimitCents();
        long arTotal = ledger.store.totals().arTotal();
        double warnAt = limit == null ? Double.NaN : ledger.policy(now).creditWarnUtilization() * limit;
        toggle(AlertType.CREDIT_LIMIT_WARNING, limit != null && arTotal >= warnAt, limit, arTotal, now);
        toggle(AlertType.CREDIT_LIMIT_EXCEEDED, limit != null && arTotal > limit, limit, arTotal, now);
    }

    private void toggle(AlertType type, boolean holds, Long limit, long arTotal, long now) {
        int occurrences = ledger.store.occurrences(type);
        String current = ledger.alerts.id(type, "credit-limit", occurrences);
        boolean open = occurrences > 0 && ledger.alerts.isOpen(current);
        if (holds && !open) {
            ledger.store.putOccurrences(type, occurrences + 1);
            boolean exceeded = type == AlertType.CREDIT_LIMIT_EXCEEDED;
            String message = "Open AR " + LedgerContext.money(arTotal, ledger.currency()) + " is "
                    + Math.round(100.0 * arTotal / limit) + "% of the credit limit "
                    + LedgerContext.money(limit, ledger.currency()) + (exceeded ? ": over the limit." : ".");
            ledger.alerts.raise(new OpenAlert(ledger.alerts.id(type, "credit-limit", occurrences + 1), type,
                    exceeded ? Severity.CRITICAL : Severity.WARNING, null, null, null, arTotal, ledger.currency(), null,
                    now, message), now);
        } else if (!holds && open) {
            ledger.alerts.resolve(current, now, type == AlertType.CREDIT_LIMIT_EXCEEDED
                    ? "open AR is back within the credit limit" : "open AR fell below the warning level");
        }
    }
}
