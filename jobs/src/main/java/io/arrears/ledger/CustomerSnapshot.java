package io.arrears.ledger;

/**
 * A customer's position at business time {@code asOf}: the arrears-customers document. Amounts in cents.
 *
 * @param revision grows with every snapshot of the customer and is the same when the same history is
 *     processed again, so that a store can ignore stale or repeated writes
 * @param creditUtilization arTotal / creditLimit; null without a positive credit limit
 * @param kpis the customer's KPIs at asOf (docs/kpis.md), in the reporting currency; null when KPIs are off
 */
public record CustomerSnapshot(
        String customerId,
        long asOf,
        String name,
        String segment,
        String region,
        String collectorId,
        String currency,
        int openInvoices,
        long arTotal,
        long arCurrent,
        long ar1to30,
        long ar31to60,
        long ar61to90,
        long arOver90,
        long pastDueAmount,
        long unappliedCash,
        int openDisputes,
        long disputedAmount,
        Long creditLimit,
        Double creditUtilization,
        long revision,
        io.arrears.kpi.KpiSnapshot kpis) {
}
