package io.arrears.pipeline;

import static io.arrears.testing.Events.at;
import static io.arrears.testing.Events.customer;
import static io.arrears.testing.Events.dispute;
import static io.arrears.testing.Events.invoice;
import static io.arrears.testing.Events.issued;
import static io.arrears.testing.Events.payment;
import static io.arrears.testing.Events.received;
import static io.arrears.testing.Events.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arrears.ledger.AlertTransition;
import io.arrears.ledger.CustomerSnapshot;
import io.arrears.model.AlertStatus;
import io.arrears.model.AlertType;
import io.arrears.model.CustomerEvent;
import io.arrears.model.DisputeEventType;
import io.arrears.model.InvoiceEventType;
import io.arrears.model.PaymentEventType;
import io.arrears.model.Severity;

class LedgerFunctionTest extends LedgerHarnessTest {

    private void send(CustomerEvent... events) throws Exception {
        ledger.send(events);
    }

    private void advanceTo(String instant) throws Exception {
        ledger.advanceTo(instant);
    }

    /** The overdue alerts: this class is about the ledger and INVOICE_OVERDUE; the other rules have tests of their own. */
    private List<AlertTransition> alerts() {
        return ledger.alerts(AlertType.INVOICE_OVERDUE);
    }

    private CustomerSnapshot lastSnapshot() {
        return ledger.lastSnapshot();
    }

    private Map<String, Object> stateOf(String customerId) throws Exception {
        return ledger.stateOf(customerId);
    }

    @Test
    void overdueStagesFireAtTheStartOfTheDayAndResolveWhenThePaymentClosesTheInvoice() throws Exception {
        send(customer("C1", "SMB", "col-1", 500_000L, "2026-01-01T08:00:00Z"),
                issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"));

        advanceTo("2026-01-31T23:59:59.999Z");
        assertThat(alerts()).isEmpty();

        advanceTo("2026-02-01T00:00:00Z");
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.alertType()).isEqualTo(AlertType.INVOICE_OVERDUE);
            assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(a.stageDays()).isEqualTo(1);
            assertThat(a.severity()).isEqualTo(Severity.INFO);
            assertThat(a.triggeredAt()).isEqualTo(at("2026-02-01T00:00:00Z"));
            assertThat(a.amountCents()).isEqualTo(100_00);
            assertThat(a.collectorId()).isEqualTo("col-1");
            assertThat(a.segment()).isEqualTo("SMB");
            assertThat(a.disputed()).isFalse();
            assertThat(a.alertId()).isEqualTo("C1:INVOICE_OVERDUE:INV-1:1:1");
            assertThat(a.message()).isEqualTo("Invoice INV-1 is 1 day past due (due 2026-01-31): 100.00 USD open.");
        });

        advanceTo("2026-03-02T00:00:00Z");
        assertThat(alerts()).hasSize(2);
        assertThat(alerts().get(1).stageDays()).isEqualTo(30);
        assertThat(alerts().get(1).severity()).isEqualTo(Severity.WARNING);

        send(received("C1", "P1", 100_00, "2026-03-05T12:00:00Z", to("INV-1", 100_00)));
        advanceTo("2026-03-05T12:00:00Z");
        List<AlertTransition> resolved = alerts().subList(2, alerts().size());
        assertThat(resolved).hasSize(2).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.triggeredAt()).isEqualTo(at("2026-03-05T12:00:00Z"));
            assertThat(a.resolvedAt()).isEqualTo(at("2026-03-05T12:00:00Z"));
            assertThat(a.message()).endsWith("Resolved: invoice INV-1 paid.");
        });
        assertThat(resolved).extracting(AlertTransition::raisedAt)
                .containsExactlyInAnyOrder(at("2026-02-01T00:00:00Z"), at("2026-03-02T00:00:00Z"));
        assertThat(lastSnapshot().arTotal()).isZero();
        assertThat(lastSnapshot().openInvoices()).isZero();
    }

    @Test
    void aClosedInvoiceLeavesNoStateOrTimersBehindOnceItsRetentionEnds() throws Exception {
        send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"));
        advanceTo("2026-02-10T00:00:00Z");
        assertThat(ledger.timers()).as("one deadline for the open invoice, at its next instant (stage 30)")
                .isEqualTo(1);

        send(received("C1", "P1", 100_00, "2026-02-10T09:00:00Z", to("INV-1", 100_00)));
        advanceTo("2026-02-10T09:00:00Z");
        assertThat(ledger.timers()).as("only the retention of the invoice and the payment").isEqualTo(1);
        assertThat(stateOf("C1")).containsKeys("invoices", "payments", "deadlines").doesNotContainKeys(
                "open-alerts", "open-invoices-by-amount", "event-buffer");

        advanceTo("2026-03-12T09:00:00Z");
        assertThat(ledger.timers()).isZero();
        assertThat(stateOf("C1")).containsOnlyKeys("totals", "snapshot-sequence");
    }

    @Test
    void theOpenAlertGaugeCountsByTypeAndSurvivesARestore() throws Exception {
        send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                issued("C2", "INV-2", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                received("C2", "P1", 100_00, "2026-02-03T10:00:00Z", to("INV-2", 100_00)));
        advanceTo("2026-02-04T00:00:00Z");
        assertThat(ledger.function.alertMetrics.open(AlertType.INVOICE_OVERDUE)).isEqualTo(1);

        try (LedgerHarness restarted = new LedgerHarness(ledger.snapshot())) {
            assertThat(restarted.function.alertMetrics.open(AlertType.INVOICE_OVERDUE)).isEqualTo(1);
            restarted.advanceTo("2026-03-02T00:00:00Z");
            assertThat(restarted.function.alertMetrics.open(AlertType.INVOICE_OVERDUE)).as("stage 30 of INV-1")
                    .isEqualTo(2);
        }
    }

    @Test
    void partialPaymentsReduceTheOpenAmountUntilTheLastClosesIt() throws Exception {
        send(issued("C1", "INV-1", 300_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                received("C1", "P1", 100_00, "2026-01-05T10:00:00Z", to("INV-1", 100_00)),
                received("C1", "P2", 150_00, "2026-01-06T10:00:00Z", to("INV-1", 150_00)));
        advanceTo("2026-01-06T10:00:00Z");
        assertThat(lastSnapshot().arTotal()).isEqualTo(50_00);
        assertThat(lastSnapshot().openInvoices()).isEqualTo(1);
        assertThat(lastSnapshot().unappliedCash()).isZero();

        send(received("C1", "P3", 80_00, "2026-01-07T10:00:00Z", to("INV-1", 80_00)));
        advanceTo("2026-01-07T10:00:00Z");
        assertThat(lastSnapshot().arTotal()).isZero();
        assertThat(lastSnapshot().openInvoices()).isZero();
        assertThat(lastSnapshot().unappliedCash()).as("never more than the open amount: the rest stays unapplied")
                .isEqualTo(30_00);
    }

    @Test
    void cashWithoutRemittancePaysTheEarliestDueInvoiceOfThatExactAmount() throws Exception {
        send(issued("C1", "INV-B", 70_00, "2026-01-01", "2026-02-15", "2026-01-01T10:00:00Z"),
                issued("C1", "INV-C", 70_00, "2026-01-01", "2026-02-01", "2026-01-01T10:00:01Z"),
                issued("C1", "INV-A", 70_00, "2026-01-01", "2026-02-01", "2026-01-01T10:00:02Z"),
                issued("C1", "INV-D", 90_00, "2026-01-01", "2026-01-20", "2026-01-01T10:00:03Z"));
        send(received("C1", "P1", 70_00, "2026-01-10T10:00:00Z"));
        send(received("C1", "P2", 75_00, "2026-01-11T10:00:00Z"));
        advanceTo("2026-01-11T10:00:00Z");

        assertThat(stateOf("C1").get("open-invoices-by-amount")).isNotNull();
        assertThat(ledger.state("C1").invoice("INV-A").isOpen()).as("due first, smaller id").isFalse();
        assertThat(ledger.state("C1").invoice("INV-C").isOpen()).isTrue();
        assertThat(ledger.state("C1").invoice("INV-B").isOpen()).isTrue();
        assertThat(lastSnapshot().unappliedCash()).as("no invoice of 75.00 open").isEqualTo(75_00);
        assertThat(lastSnapshot().arTotal()).isEqualTo(70_00 + 70_00 + 90_00);
    }

    @Test
    void theOrderOfArrivalBetweenTopicsDoesNotChangeTheResult() throws Exception {
        CustomerEvent invoice = issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z");
        CustomerEvent payment = received("C1", "P1", 100_00, "2026-01-01T10:00:05Z");
        CustomerEvent other = issued("C1", "INV-2", 40_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:03Z");

        send(payment, other, invoice); // the payment's topic was read first
        advanceTo("2026-01-02T00:00:00Z");

        assertThat(ledger.state("C1").invoice("INV-1").isOpen()).as("auto-matched as if in event-time order").isFalse();
        assertThat(lastSnapshot().arTotal()).isEqualTo(40_00);
        assertThat(lastSnapshot().unappliedCash()).isZero();
        advanceTo("2026-03-01T00:00:00Z");
        assertThat(alerts()).extracting(AlertTransition::invoiceId).containsOnly("INV-2");
    }

    @Test
    void aRemittanceNamingAnInvoiceNotYetIssuedWaitsForIt() throws Exception {
        send(received("C1", "P1", 100_00, "2026-01-01T09:00:00Z", to("INV-9", 100_00)));
        advanceTo("2026-01-01T09:00:00Z");
        assertThat(lastSnapshot().unappliedCash()).as("counted as unapplied while it waits").isEqualTo(100_00);
        assertThat(stateOf("C1")).containsKey("payments-waiting-for-invoice");

        send(issued("C1", "INV-9", 100_00, "2026-01-01", "2026-01-31", "2026-01-02T10:00:00Z"));
        advanceTo("2026-01-02T10:00:00Z");
        assertThat(lastSnapshot().unappliedCash()).isZero();
        assertThat(lastSnapshot().arTotal()).isZero();
        assertThat(stateOf("C1")).doesNotContainKeys("payments-waiting-for-invoice", "waiting-since");
        advanceTo("2026-06-01T00:00:00Z");
        assertThat(alerts()).isEmpty();
    }

    @Test
    void anInvoiceEventBeforeItsIssueWaitsAndAppliesAfterIt() throws Exception {
        send(invoice(InvoiceEventType.CREDITED, "C1", "INV-1", 30_00, "2026-01-01", "2026-01-31",
                "2026-01-01T09:00:00Z"));
        send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"));
        advanceTo("2026-01-01T10:00:00Z");
        assertThat(lastSnapshot().arTotal()).isEqualTo(70_00);
    }

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() throws Exception {
        CustomerEvent invoice = issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z");
        CustomerEvent payment = received("C1", "P1", 30_00, "2026-01-02T10:00:00Z", to("INV-1", 30_00));
        send(invoice, payment, payment, invoice);
        advanceTo("2026-01-05T00:00:00Z");
        send(payment); // late re-delivery
        assertThat(lastSnapshot().arTotal()).isEqualTo(70_00);
        assertThat(lastSnapshot().unappliedCash()).isZero();
        assertThat(lastSnapshot().openInvoices()).isEqualTo(1);
    }

    @Test
    void aReDeliveryIsRecognisedForTheDedupRetentionOfBusinessTimeAndAppliedAgainAfterIt() throws Exception {
        send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"));
        CustomerEvent credit = invoice(InvoiceEventType.CREDITED, "C1", "INV-1", 10_00, "2026-01-01", "2026-01-31",
                "2026-01-02T10:00:00Z");
        send(credit);
        advanceTo("2026-01-09T00:00:00Z");
        send(credit); // applied at 01-09T00:00, within 7 days of business time after the first
        assertThat(lastSnapshot().arTotal()).isEqualTo(90_00);

        advanceTo("2026-01-10T00:00:00Z");
        send(credit); // 7.6 days after the first was applied: its id is forgotten
        assertThat(lastSnapshot().arTotal()).isEqualTo(80_00);
    }

    @Test
    void aReversedPaymentReopensTheInvoiceAndRaisesItsCurrentStageAsANewAlert() throws Exception {
        send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                received("C1", "P1", 100_00, "2026-01-20T10:00:00Z", to("INV-1", 100_00)));
        advanceTo("2026-02-05T00:00:00Z");
        assertThat(alerts()).isEmpty();

        send(payment(PaymentEventType.REVERSED, "C1", "P1", 100_00, "2026-02-10T15:00:00Z"));
        advanceTo("2026-02-10T15:00:00Z");
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(a.stageDays()).as("10 days past due: stage 1").isEqualTo(1);
            assertThat(a.triggeredAt()).isEqualTo(at("2026-02-10T15:00:00Z"));
            assertThat(a.alertId()).as("second opening of the invoice").isEqualTo("C1:INVOICE_OVERDUE:INV-1:1:2");
        });
        assertThat(lastSnapshot().arTotal()).isEqualTo(100_00);
        assertThat(lastSnapshot().ar1to30()).isEqualTo(100_00);
        assertThat(lastSnapshot().unappliedCash()).isZero();

        advanceTo("2026-04-01T00:00:00Z");
        assertThat(alerts()).extracting(AlertTransition::stageDays).containsExactly(1, 30, 60);
        assertThat(alerts().get(2).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(lastSnapshot().ar31to60()).as("60 days past due: stage 60, still the 31-60 bucket")
                .isEqualTo(100_00);
    }

    @Test
    void aReversalAfterTheRetentionCannotReopenWhatWasPurged() throws Exception {
        send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                received("C1", "P1", 100_00, "2026-01-20T10:00:00Z", to("INV-1", 100_00)));
        advanceTo("2026-03-01T00:00:00Z");
        send(payment(PaymentEventType.REVERSED, "C1", "P1", 100_00, "2026-03-05T15:00:00Z"));
        advanceTo("2026-03-05T15:00:00Z");
        assertThat(alerts()).isEmpty();
        assertThat(lastSnapshot().arTotal()).isZero();
        assertThat(stateOf("C1")).containsKey("waiting-payment-events");
        advanceTo("2026-04-05T15:00:00Z");
        assertThat(stateOf("C1")).doesNotContainKey("waiting-payment-events");
        assertThat(ledger.timers()).isZero();
    }

    @Test
    void cancellingRemovesTheInvoiceFromArAndResolvesItsAlerts() throws Exception {
        send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                issued("C1", "INV-2", 25_00, "2026-01-01", "2026-03-31", "2026-01-01T10:00:00Z"));
        advanceTo("2026-02-02T00:00:00Z");
        send(invoice(InvoiceEventType.CANCELLED, "C1", "INV-1", 100_00, "2026-01-01", "2026-01-31",
                "2026-02-03T10:00:00Z"));
        advanceTo("2026-02-03T10:00:00Z");
        assertThat(alerts()).extracting(AlertTransition::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts().get(1).message()).endsWith("Resolved: invoice INV-1 cancelled.");
        assertThat(lastSnapshot().arTotal()).isEqualTo(25_00);
        assertThat(lastSnapshot().openInvoices()).isEqualTo(1);
    }

    @Test
    void creditsAdjustmentsAndWriteOffsMoveTheOpenAmount() throws Exception {
        send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                invoice(InvoiceEventType.ADJUSTED, "C1", "INV-1", 120_00, "2026-01-01", "2026-01-31",
                        "2026-01-02T10:00:00Z"),
                invoice(InvoiceEventType.CREDITED, "C1", "INV-1", 20_00, "2026-01-01", "2026-01-31",
                        "2026-01-03T10:00:00Z"));
        advanceTo("2026-01-03T10:00:00Z");
        assertThat(lastSnapshot().arTotal()).isEqualTo(100_00);

        send(invoice(InvoiceEventType.WRITTEN_OFF, "C1", "INV-1", 100_00, "2026-01-01", "2026-01-31",
                "2026-05-03T10:00:00Z"));
        advanceTo("2026-05-03T10:00:00Z");
        assertThat(lastSnapshot().arTotal()).isZero();
        assertThat(alerts()).filteredOn(a -> a.status() == AlertStatus.OPEN).hasSize(4);
        assertThat(alerts()).filteredOn(a -> a.status() == AlertStatus.RESOLVED).hasSize(4)
                .allSatisfy(a -> assertThat(a.message()).endsWith("Resolved: invoice INV-1 written off."));
    }

    @Test
    void agingBucketsFollowDaysPastDueWithoutAnyNewEvent() throws Exception {
        send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"));
        advanceTo("2026-01-31T12:00:00Z");
        assertThat(lastSnapshot().arCurrent()).isEqualTo(100_00);
        advanceTo("2026-02-01T00:00:00Z");
        assertThat(lastSnapshot().ar1to30()).isEqualTo(100_00);
        assertThat(lastSnapshot().pastDueAmount()).isEqualTo(100_00);
        advanceTo("2026-03-03T00:00:00Z"); // 31 days past due
        assertThat(lastSnapshot().ar31to60()).isEqualTo(100_00);
        assertThat(lastSnapshot().asOf()).isEqualTo(at("2026-03-03T00:00:00Z"));
        advanceTo("2026-04-02T00:00:00Z");
        assertThat(lastSnapshot().ar61to90()).isEqualTo(100_00);
        advanceTo("2026-05-02T00:00:00Z");
        assertThat(lastSnapshot().arOver90()).isEqualTo(100_00);
        assertThat(lastSnapshot().arCurrent() + lastSnapshot().ar1to30() + lastSnapshot().ar31to60()
                + lastSnapshot().ar61to90()).isZero();
    }

    @Test
    void anOpenDisputeMarksTheOverdueAlertAsDisputed() throws Exception {
        send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                dispute(DisputeEventType.OPENED, "C1", "D1", "INV-1", 40_00, "2026-01-20T10:00:00Z"));
        advanceTo("2026-02-01T00:00:00Z");
        assertThat(alerts()).singleElement().satisfies(a -> assertThat(a.disputed()).isTrue());
        assertThat(lastSnapshot().openDisputes()).isEqualTo(1);
        assertThat(lastSnapshot().disputedAmount()).isEqualTo(40_00);

        send(dispute(DisputeEventType.RESOLVED, "C1", "D1", "INV-1", 40_00, "2026-02-05T10:00:00Z"));
        advanceTo("2026-03-02T00:00:00Z");
        assertThat(alerts().get(1).disputed()).isFalse();
        assertThat(lastSnapshot().openDisputes()).isZero();
        assertThat(lastSnapshot().disputedAmount()).isZero();
    }

    @Test
    void aLateEventStillUpdatesStateAndResolvesAtTheCurrentBusinessTime() throws Exception {
        send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"));
        advanceTo("2026-02-05T00:00:00Z");
        assertThat(alerts()).hasSize(1);

        // Paid on Jan 30, but it arrives after business time passed Feb 1: the alert already raised stays.
        send(received("C1", "P1", 100_00, "2026-01-30T10:00:00Z", to("INV-1", 100_00)));
        assertThat(alerts()).hasSize(2);
        assertThat(alerts().get(1).status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alerts().get(1).triggeredAt()).isEqualTo(at("2026-02-05T00:00:00Z"));
        assertThat(lastSnapshot().arTotal()).isZero();
    }
}
