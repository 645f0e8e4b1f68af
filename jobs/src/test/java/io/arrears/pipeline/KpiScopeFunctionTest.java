package io.arrears.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import io.arrears.kpi.CurrencyRates;
import io.arrears.kpi.KpiDelta;
import io.arrears.kpi.KpiScope;
import io.arrears.kpi.KpiSettings;
import io.arrears.kpi.KpiSnapshot;
import io.arrears.kpi.Stock;
import io.arrears.ledger.BusinessCalendar;

/** One scope's snapshots on their own: in business-time order whatever the arrival order, up to the horizon. */
class KpiScopeFunctionTest {

    private static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final KpiSettings SETTINGS = new KpiSettings(true, 90, Duration.ofHours(1),
            CurrencyRates.parse("USD", ""), BusinessCalendar.utc());

    @Test
    void aSnapshotAtEachBoundaryHoldsExactlyTheContributionsUpToItWhateverTheirArrivalOrder() throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KpiScopeFunction(SETTINGS, T0 + 3 * HOUR)), KpiDelta::scopeKey,
                Types.STRING)) {
            harness.open();
            harness.processWatermark(T0);
            // The later contribution arrives first, as it does when another customer's ledger runs ahead.
            harness.processElement(current(T0 + 90 * 60_000, 50_00), T0);
            harness.processElement(current(T0 + 10 * 60_000, 100_00), T0);

            harness.processWatermark(T0 + HOUR);
            harness.processWatermark(T0 + 2 * HOUR);
            harness.processWatermark(Long.MAX_VALUE);

            assertThat(harness.extractOutputValues()).extracting(s -> Instant.ofEpochMilli(s.asOf()) + " "
                            + s.values().arTotal())
                    .containsExactly("2026-03-02T10:00:00Z 10000", "2026-03-02T11:00:00Z 15000",
                            "2026-03-02T12:00:00Z 15000");
            assertThat(harness.extractOutputValues()).allSatisfy((KpiSnapshot s) -> {
                assertThat(s.scope()).isEqualTo(KpiScope.PORTFOLIO);
                assertThat(s.scopeId()).isEqualTo(KpiScope.ALL);
            });
            assertThat(harness.numEventTimeTimers()).as("nothing after the horizon").isZero();
        }
    }

    private static KpiDelta current(long at, long cents) {
        long[] stocks = new long[Stock.values().length];
        stocks[Stock.AR_CURRENT.ordinal()] = cents;
        return new KpiDelta(KpiScope.PORTFOLIO, KpiScope.ALL, at, stocks, at, null, 0, null);
    }
}
