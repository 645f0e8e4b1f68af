package io.arrears.pipeline;

import static io.arrears.testing.Events.at;
import static io.arrears.testing.Events.customer;
import static io.arrears.testing.Events.issued;
import static io.arrears.testing.Events.received;
import static io.arrears.testing.Events.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.arrears.kpi.CurrencyRates;
import io.arrears.kpi.KpiDelta;
import io.arrears.kpi.KpiSettings;
import io.arrears.kpi.KpiValues;
import io.arrears.ledger.BusinessCalendar;

/** The ledger with KPIs on: the customer's own KPIs, what it sends to its scopes, and the state it leaves. */
class LedgerKpiTest {

    private LedgerHarness ledger;

    @BeforeEach
    void open() throws Exception {
        ledger = new LedgerHarness(null, new KpiSettings(true, 90, Duration.ofHours(1),
                CurrencyRates.parse("USD", ""), BusinessCalendar.utc()));
    }

    @AfterEach
    void close() throws Exception {
        ledger.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> arTotalSentPerScope() {
        Map<String, Long> sums = new HashMap<>();
        for (Object record : ledger.harness.getSideOutput(LedgerFunction.KPI_DELTAS)) {
            KpiDelta delta = ((StreamRecord<KpiDelta>) record).getValue();
            long change = delta.stocks() == null ? 0 : Arrays.stream(delta.stocks(), 0, 5).sum();
            sums.merge(delta.scopeKey(), change, Long::sum);
        }
        return sums;
    }

    @Test
    void aPaidInvoiceCountsInTheWindowThenLeavesNoKpiStateOrTimers() throws Exception {
        ledger.send(customer("C1", "SMB", "col-1", null, "2026-01-01T00:00:00Z"),
                issued("C1", "I1", 100_00, "2026-01-02", "2026-02-01", "2026-01-02T09:00:00Z"),
                received("C1", "P1", 100_00, "2026-01-20T09:00:00Z", to("I1", 100_00)));
        ledger.advanceTo("2026-01-20T09:00:00Z");
        KpiValues paid = ledger.lastSnapshot().kpis().values();
        assertThat(paid.invoicesPaid()).isEqualTo(1);
        assertThat(paid.collections()).isEqualTo(100_00);
        assertThat(paid.creditSales()).isEqualTo(100_00);
        assertThat(paid.avgDaysToPay()).isEqualTo(18.0);
        assertThat(paid.arTotal()).isZero();
        assertThat(arTotalSentPerScope()).containsOnly(Map.entry("PORTFOLIO:all", 0L),
                Map.entry("SEGMENT:SMB", 0L), Map.entry("COLLECTOR:col-1", 0L));

        // After W days the payment leaves the window; after 360 days the issue date leaves every formula.
        ledger.advanceTo("2027-01-01T00:00:00Z");
        KpiValues later = ledger.lastSnapshot().kpis().values();
        assertThat(later.invoicesPaid()).isZero();
        assertThat(later.collections()).isZero();
        assertThat(later.creditSales()).isZero();
        assertThat(ledger.stateOf("C1")).doesNotContainKeys("kpi-stocks", "kpi-window-sums", "kpi-leaving-window",
                "kpi-issue-days");
        assertThat(ledger.timers()).isZero();
    }

    @Test
    void aCustomerMovingToAnotherCollectorTakesItsReceivablesAlong() throws Exception {
        ledger.send(customer("C1", "SMB", "col-1", null, "2026-01-01T00:00:00Z"),
                issued("C1", "I1", 250_00, "2026-01-02", "2026-02-01", "2026-01-02T09:00:00Z"),
                customer("C1", "SMB", "col-2", null, "2026-01-10T00:00:00Z"));
        ledger.advanceTo(at("2026-01-10T00:00:00Z"));
        assertThat(arTotalSentPerScope()).containsOnly(Map.entry("PORTFOLIO:all", 250_00L),
                Map.entry("SEGMENT:SMB", 250_00L), Map.entry("COLLECTOR:col-1", 0L),
                Map.entry("COLLECTOR:col-2", 250_00L));
        assertThat(ledger.lastSnapshot().kpis().values().arTotal()).isEqualTo(250_00L);
    }
}
