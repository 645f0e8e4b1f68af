package io.arrears.ledger;

/**
 * Running sums of a customer's ledger, kept up to date at every change and at every aging-bucket crossing, so
 * that a snapshot never has to walk the customer's invoices.
 */
public record CustomerTotals(
        int openInvoices,
        long arCurrent,
        long ar1to30,
        long ar31to60,
        long ar61to90,
        long arOver90,
        long unappliedCash,
        int openDisputes,
        long disputedAmount) {

    public static final CustomerTotals EMPTY = new CustomerTotals(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public long arTotal() {
        return arCurrent + ar1to30 + ar31to60 + ar61to90 + arOver90;
    }

    public long bucket(AgingBucket bucket) {
        return switch (bucket) {
            case CURRENT -> arCurrent;
            case DAYS_1_30 -> ar1to30;
            case DAYS_31_60 -> ar31to60;
            case DAYS_61_90 -> ar61to90;
            case OVER_90 -> arOver90;
        };
    }

    CustomerTotals plusOpen(AgingBucket bucket, long cents, int invoices) {
        return new CustomerTotals(openInvoices + invoices,
                arCurrent + (bucket == AgingBucket.CURRENT ? cents : 0),
                ar1to30 + (bucket == AgingBucket.DAYS_1_30 ? cents : 0),
                ar31to60 + (bucket == AgingBucket.DAYS_31_60 ? cents : 0),
                ar61to90 + (bucket == AgingBucket.DAYS_61_90 ? cents : 0),
                arOver90 + (bucket == AgingBucket.OVER_90 ? cents : 0),
                unappliedCash, openDisputes, disputedAmount);
    }

    CustomerTotals plusUnapplied(long cents) {
        return new CustomerTotals(openInvoices, arCurrent, ar1to30, ar31to60, ar61to90, arOver90,
                unappliedCash + cents, openDisputes, disputedAmount);
    }

    CustomerTotals plusDisputes(int disputes, long cents) {
        return new CustomerTotals(openInvoices, arCurrent, ar1to30, ar31to60, ar61to90, arOver90, unappliedCash,
                openDisputes + disputes, disputedAmount + cents);
    }
}
