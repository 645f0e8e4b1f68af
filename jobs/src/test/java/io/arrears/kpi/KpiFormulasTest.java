package io.arrears.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Every definition of docs/kpis.md on small, hand-computed examples, including the null cases. */
class KpiFormulasTest {

    private static final long TODAY = LocalDate.parse("2026-03-31").toEpochDay();
    private static final int W = 90;

    private final long[] stocks = new long[Stock.COUNT];
    private final long[] flows = new long[Flow.COUNT];
    private final NavigableMap<Long, long[]> days = new TreeMap<>();

    private void sales(int daysAgo, long cents) {
        days.computeIfAbsent(TODAY - daysAgo, d -> new long[DayMeasure.COUNT])[DayMeasure.SALES.ordinal()] += cents;
    }

    private KpiValues compute() {
        return KpiFormulas.compute(stocks, flows, days, TODAY, W);
    }

    @Test
    void withNothingEveryRatioIsNullAndEveryAmountZero() {
        KpiValues v = compute();
        assertThat(v.arTotal()).isZero();
        assertThat(v.creditSales()).isZero();
        assertThat(v.countbackDso()).isZero();
        assertThat(v.pastDueRatio()).isNull();
        assertThat(v.over90Ratio()).isNull();
        assertThat(v.dso()).isNull();
        assertThat(v.bestPossibleDso()).isNull();
        assertThat(v.averageDaysDelinquent()).isNull();
        assertThat(v.cei()).isNull();
        assertThat(v.unappliedCashRatio()).isNull();
        assertThat(v.badDebtRatio()).isNull();
        assertThat(v.avgDaysToPay()).isNull();
        assertThat(v.avgDaysBeyondTerms()).isNull();
        assertThat(v.paidWithinTermsRatio()).isNull();
        assertThat(v.collectedWithin30DaysRatio()).isNull();
        assertThat(v.avgDisputeResolutionDays()).isNull();
        assertThat(v.disputeSlaComplianceRatio()).isNull();
        assertThat(v.followUpComplianceRatio()).isNull();
        assertThat(v.promiseKeptRatio()).isNull();
    }

    @Test
    void agingDsoBestPossibleDsoAndDaysDelinquent() {
        stocks[Stock.AR_CURRENT.ordinal()] = 60_000_00;
        stocks[Stock.AR_1_TO_30.ordinal()] = 25_000_00;
        stocks[Stock.AR_OVER_90.ordinal()] = 15_000_00;
        sales(0, 100_000_00);
        sales(89, 200_000_00);
        sales(90, 999_000_00); // issued on D - 90: outside (D - 90, D]
        KpiValues v = compute();
        assertThat(v.arTotal()).isEqualTo(100_000_00);
        assertThat(v.pastDueRatio()).isEqualTo(0.4);
        assertThat(v.over90Ratio()).isEqualTo(0.15);
        assertThat(v.creditSales()).isEqualTo(300_000_00);
        assertThat(v.dso()).isCloseTo(30.0, within(1e-12)); // 100,000 / 300,000 x 90
        assertThat(v.bestPossibleDso()).isCloseTo(18.0, within(1e-12)); // 60,000 / 300,000 x 90
        assertThat(v.averageDaysDelinquent()).isCloseTo(12.0, within(1e-12));
    }

    @Test
    void countbackDsoTakesWholeSlicesThenTheFraction() {
        stocks[Stock.AR_CURRENT.ordinal()] = 250_00;
        sales(0, 100_00);   // slice 0: (D - 30, D]
        sales(29, 50_00);   // slice 0 too: 150 in all
        sales(30, 200_00);  // slice 1
        // 250 > 150: 30 days, 100 left; 100 <= 200: 30 x 100 / 200 = 15 days
        assertThat(compute().countbackDso()).isCloseTo(45.0, within(1e-12));
    }

    @Test
    void countbackDsoStopsAtTwelveSlicesAndIsZeroWithoutReceivables() {
        stocks[Stock.AR_OVER_90.ordinal()] = 1_000_00;
        sales(0, 10_00);
        assertThat(compute().countbackDso()).isEqualTo(360.0);
        stocks[Stock.AR_OVER_90.ordinal()] = 0;
        assertThat(compute().countbackDso()).isZero();
    }

    @Test
    void ceiComparesWhatWasCollectedWithWhatCouldHaveBeen() {
        stocks[Stock.AR_CURRENT.ordinal()] = 30_000_00;
        stocks[Stock.AR_31_TO_60.ordinal()] = 20_000_00; // arTotal 50,000
        flows[Flow.AR_CHANGE.ordinal()] = 10_000_00;      // so beginAr = 40,000
        sales(10, 100_000_00);
        KpiValues v = compute();
        assertThat(v.beginAr()).isEqualTo(40_000_00);
        // (40,000 + 100,000 - 50,000) / (40,000 + 100,000 - 30,000) x 100 = 90,000 / 110,000 x 100
        assertThat(v.cei()).isCloseTo(81.818181818181, within(1e-9));
    }

    @Test
    void collectionsUnappliedCashWriteOffsAndBadDebt() {
        flows[Flow.COLLECTIONS.ordinal()] = 80_000_00;
        stocks[Stock.UNAPPLIED_CASH.ordinal()] = 2_000_00;
        flows[Flow.WRITE_OFFS.ordinal()] = 1_500_00;
        sales(1, 50_000_00);
        KpiValues v = compute();
        assertThat(v.unappliedCashRatio()).isEqualTo(0.025);
        assertThat(v.badDebtRatio()).isEqualTo(0.03);
    }

    @Test
    void paymentBehaviourIsWeightedByInvoiceTotal() {
        // 1,000 paid 10 days after issue, 2 days late; 3,000 paid 40 days after issue, on its due date
        flows[Flow.INVOICES_PAID.ordinal()] = 2;
        flows[Flow.PAID_TOTAL.ordinal()] = 4_000_00;
        flows[Flow.PAID_TOTAL_X_DAYS_TO_PAY.ordinal()] = 1_000_00 * 10 + 3_000_00 * 40;
        flows[Flow.PAID_TOTAL_X_DAYS_BEYOND_TERMS.ordinal()] = 1_000_00 * 2;
        flows[Flow.PAID_WITHIN_TERMS.ordinal()] = 1;
        KpiValues v = compute();
        assertThat(v.avgDaysToPay()).isEqualTo(32.5);      // (10,000 + 120,000) / 4,000
        assertThat(v.avgDaysBeyondTerms()).isEqualTo(0.5); // 2,000 / 4,000
        assertThat(v.paidWithinTermsRatio()).isEqualTo(0.5);
    }

    @Test
    void collectedWithin30DaysLooksAtInvoicesWhoseThirtyDaysEndedInTheWindow() {
        long[] ended = days.computeIfAbsent(TODAY - 30, d -> new long[DayMeasure.COUNT]);
        ended[DayMeasure.INVOICES.ordinal()] = 4;
        ended[DayMeasure.PAID_WITHIN_30_DAYS.ordinal()] = 3;
        long[] notYet = days.computeIfAbsent(TODAY - 29, d -> new long[DayMeasure.COUNT]);
        notYet[DayMeasure.INVOICES.ordinal()] = 10; // issueDate + 30 is after D
        long[] tooOld = days.computeIfAbsent(TODAY - 120, d -> new long[DayMeasure.COUNT]);
        tooOld[DayMeasure.INVOICES.ordinal()] = 10; // issueDate + 30 = D - 90: outside (D - 90, D]
        assertThat(compute().collectedWithin30DaysRatio()).isEqualTo(0.75);
    }

    @Test
    void disputesFollowUpsAndPromises() {
        stocks[Stock.OPEN_DISPUTES.ordinal()] = 3;
        stocks[Stock.DISPUTES_PAST_SLA.ordinal()] = 1;
        flows[Flow.DISPUTES_RESOLVED.ordinal()] = 3;
        flows[Flow.DISPUTE_RESOLUTION_MILLIS.ordinal()] = 3 * 86_400_000L + 12 * 3_600_000L; // 3.5 days in all
        flows[Flow.DISPUTES_RESOLVED_WITHIN_SLA.ordinal()] = 2;
        flows[Flow.FOLLOW_UP_CHECKS.ordinal()] = 8;
        flows[Flow.FOLLOW_UPS_MADE.ordinal()] = 6;
        flows[Flow.PROMISE_CHECKS.ordinal()] = 5;
        flows[Flow.PROMISES_KEPT.ordinal()] = 2;
        KpiValues v = compute();
        assertThat(v.avgDisputeResolutionDays()).isCloseTo(3.5 / 3, within(1e-12));
        assertThat(v.disputeSlaComplianceRatio()).isEqualTo(0.5); // 2 / (3 resolved + 1 open past SLA)
        assertThat(v.followUpComplianceRatio()).isEqualTo(0.75);
        assertThat(v.promiseKeptRatio()).isEqualTo(0.4);
    }

    @Test
    void currencyConversionRoundsEachAmountHalfAwayFromZero() {
        CurrencyRates rates = CurrencyRates.parse("USD", "EUR=1.085");
        assertThat(rates.convert(1_00, "EUR")).isEqualTo(109); // 108.5 cents -> 109
        assertThat(rates.convert(-1_00, "EUR")).isEqualTo(-109);
        assertThat(rates.convert(1_23, "USD")).isEqualTo(1_23);
        assertThat(rates.knows("GBP")).isFalse();
    }
}
