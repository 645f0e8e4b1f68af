package io.arrears.ledger;

import static io.arrears.testing.Events.at;
import static io.arrears.testing.Events.dispute;
import static io.arrears.testing.Events.invoice;
import static io.arrears.testing.Events.issued;
import static io.arrears.testing.Events.received;
import static io.arrears.testing.Events.reversed;
import static io.arrears.testing.Events.to;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.arrears.model.AlertStatus;
import io.arrears.model.AlertType;
import io.arrears.model.DisputeEventType;
import io.arrears.model.InvoiceEventType;
import io.arrears.model.ReversalReason;

/** The ledger's rules in plain Java, on an in-memory store: no Flink, no harness. */
class LedgerRulesTest {

    private final LedgerDriver ledger = new LedgerDriver("C1");

    @Test
    void anInvoicePaidBeforeItFallsDueCostsOneDeadlineAndRaisesNothing() {
        ledger.send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"));
        ledger.advanceTo(at("2026-01-01T10:00:00Z"));
        assertThat(ledger.deadlines).as("its first aging crossing and overdue stage, at one instant")
                .containsOnlyKeys(at("2026-02-01T00:00:00Z"));
        assertThat(ledger.scheduled()).isEqualTo(1);

        ledger.send(received("C1", "P1", 100_00, "2026-01-20T10:00:00Z", to("INV-1", 100_00)));
        ledger.advanceTo(at("2026-02-10T00:00:00Z"));

        assertThat(ledger.alerts).isEmpty();
        assertThat(ledger.store.invoice("INV-1").status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(ledger.deadlines.values()).flatExtracting(list -> list).extracting(Deadline::kind)
                .as("only the retention of the closed invoice and the settled payment")
                .containsExactlyInAnyOrder(Deadline.Kind.PURGE_INVOICE, Deadline.Kind.PURGE_PAYMENT);
        assertThat(ledger.snapshot(at("2026-02-10T00:00:00Z")).arTotal()).isZero();

        ledger.advanceTo(at("2026-02-20T00:00:00Z"));
        assertThat(ledger.store.invoices).as("gone after the retention").isEmpty();
        assertThat(ledger.deadlines).isEmpty();
    }

    @Test
    void theInvoicesOneDeadlineWalksThroughAgingStagesAndTheFollowUpCheck() {
        ledger.send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"));
        ledger.advanceTo(at("2026-02-01T00:00:00Z"));
        assertThat(ledger.store.invoice("INV-1").bucket()).isEqualTo(AgingBucket.DAYS_1_30);
        assertThat(ledger.alerts).extracting(AlertTransition::alertType).containsExactly(AlertType.INVOICE_OVERDUE);
        assertThat(ledger.deadlines).as("next: the follow-up check").containsOnlyKeys(at("2026-02-06T00:00:00Z"));

        ledger.advanceTo(at("2026-03-03T00:00:00Z"));
        assertThat(ledger.alerts).extracting(a -> a.alertType() + " " + a.stageDays()).containsExactly(
                "INVOICE_OVERDUE 1", "FOLLOW_UP_MISSED null", "INVOICE_OVERDUE 30");
        assertThat(ledger.store.invoice("INV-1").bucket()).as("31 days past due").isEqualTo(AgingBucket.DAYS_31_60);
        assertThat(ledger.scheduled()).isEqualTo(1);
        assertThat(ledger.snapshot(at("2026-03-03T00:00:00Z")).ar31to60()).isEqualTo(100_00);
    }

    @Test
    void aReversalReopensWhatThePaymentPaidAndRaisesItsAlert() {
        ledger.send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                received("C1", "P1", 100_00, "2026-01-20T10:00:00Z", to("INV-1", 100_00)),
                reversed("C1", "P1", 100_00, ReversalReason.NSF, "2026-01-25T10:00:00Z"));
        ledger.advanceTo(at("2026-01-26T00:00:00Z"));

        assertThat(ledger.store.invoice("INV-1").isOpen()).isTrue();
        assertThat(ledger.store.invoice("INV-1").openings()).isEqualTo(2);
        assertThat(ledger.alerts).singleElement().satisfies(a -> {
            assertThat(a.alertType()).isEqualTo(AlertType.PAYMENT_REVERSED);
            assertThat(a.amountCents()).isEqualTo(100_00);
        });
        assertThat(ledger.deadlines).as("the re-opened invoice has its deadline again")
                .containsKey(at("2026-02-01T00:00:00Z"));
    }

    @Test
    void aDisputeCarriesItsSlaStandingAndReportsEachStep() {
        ledger.send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                dispute(DisputeEventType.OPENED, "C1", "D1", "INV-1", 30_00, "2026-01-10T00:00:00Z"));
        ledger.advanceTo(at("2026-01-18T00:00:00Z"));
        ledger.send(dispute(DisputeEventType.RESOLVED, "C1", "D1", "INV-1", 30_00, "2026-01-20T00:00:00Z"));
        ledger.advanceTo(at("2026-01-20T00:00:00Z"));

        assertThat(ledger.disputes).extracting(DisputeSnapshot::slaState)
                .containsExactly("WITHIN", "AT_RISK", "BREACHED", "RESOLVED");
        assertThat(ledger.alerts).filteredOn(a -> a.status() == AlertStatus.RESOLVED)
                .extracting(AlertTransition::alertType)
                .containsExactlyInAnyOrder(AlertType.DISPUTE_SLA_AT_RISK, AlertType.DISPUTE_SLA_BREACHED);
        assertThat(ledger.snapshot(at("2026-01-20T00:00:00Z")).openDisputes()).isZero();
    }

    @Test
    void aCreditForAnInvoiceNotKnownYetWaitsForItAndLapsesAfterTheRetention() {
        ledger.send(invoice(InvoiceEventType.CREDITED, "C1", "INV-1", 30_00, "2026-01-01", "2026-01-31",
                "2026-01-01T09:00:00Z"));
        ledger.advanceTo(at("2026-01-01T09:00:00Z"));
        assertThat(ledger.store.waitingSince).containsKey("INV-1");

        ledger.send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                invoice(InvoiceEventType.CREDITED, "C1", "INV-2", 10_00, "2026-01-01", "2026-01-31",
                        "2026-01-02T00:00:00Z"));
        ledger.advanceTo(at("2026-01-02T00:00:00Z"));
        assertThat(ledger.store.invoice("INV-1").openCents()).as("the credit applied once INV-1 came")
                .isEqualTo(70_00);

        ledger.advanceTo(at("2026-02-01T00:00:00Z"));
        assertThat(ledger.store.waitingSince).as("nothing came for INV-2 within the retention").isEmpty();
    }

    @Test
    void anEventThatWouldCarryACustomersSumPastWhatTheBooksHoldIsRefusedAndChangesNothing() {
        long largest = io.arrears.model.InputLimits.DEFAULTS.maxAmountCents();
        for (int i = 0; i < 1000; i++) {
            ledger.send(issued("C1", "INV-" + i, largest, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"));
        }
        ledger.send(invoice(InvoiceEventType.ISSUED, "C1", "INV-over", 1, "2026-01-01", "2026-01-31",
                "2026-01-01T11:00:00Z"));
        ledger.advanceTo(at("2026-01-01T12:00:00Z"));

        assertThat(ledger.refused).hasSize(1).first().asString().contains(": the customer's open receivables of "
                + "1000000000000000.00 plus 0.01 would exceed what Arrears holds per customer (1000000000000000.00)");
        assertThat(ledger.store.invoice("INV-over")).isNull();
        assertThat(ledger.snapshot(at("2026-01-01T12:00:00Z")).arTotal()).isEqualTo(1000 * largest);

        LedgerDriver cash = new LedgerDriver("C2");
        for (int i = 0; i <= 1000; i++) {
            cash.send(received("C2", "P-" + i, largest, "2026-01-01T10:00:00Z"));
        }
        cash.advanceTo(at("2026-01-01T10:00:00Z"));
        assertThat(cash.refused).singleElement().asString().contains("the customer's unapplied cash of "
                + "1000000000000000.00 plus 1000000000000.00 would exceed");
        assertThat(cash.snapshot(at("2026-01-01T10:00:00Z")).unappliedCash()).isEqualTo(1000 * largest);
    }
}
