package io.arrears.pipeline;

import static io.arrears.testing.Events.activity;
import static io.arrears.testing.Events.at;
import static io.arrears.testing.Events.customer;
import static io.arrears.testing.Events.dispute;
import static io.arrears.testing.Events.invoice;
import static io.arrears.testing.Events.issued;
import static io.arrears.testing.Events.issuedWithOrder;
import static io.arrears.testing.Events.payment;
import static io.arrears.testing.Events.promise;
import static io.arrears.testing.Events.received;
import static io.arrears.testing.Events.reversed;
import static io.arrears.testing.Events.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.arrears.ledger.AlertTransition;
import io.arrears.model.ActivityType;
import io.arrears.model.AlertStatus;
import io.arrears.model.AlertType;
import io.arrears.model.DisputeEventType;
import io.arrears.model.InvoiceEventType;
import io.arrears.model.PaymentEventType;
import io.arrears.model.ReversalReason;
import io.arrears.model.Severity;

/** Each alert type of the catalogue: raised and resolved at the right instants, nothing left behind. */
class AlertCatalogueTest extends LedgerHarnessTest {

    private static String summary(AlertTransition a) {
        return a.status() + " " + a.severity() + " " + a.triggeredAt() + " " + a.amountCents();
    }

    // ---- disputes: at risk at 80% of 7 days, breached at 7 days (exact durations) ----

    @Test
    void aDisputeIsAtRiskAtFourFifthsOfItsSlaAndBreachedAtItsEnd() throws Exception {
        ledger.send(issued("C1", "INV-1", 100_00, "2026-03-01", "2026-04-30", "2026-03-01T09:00:00Z"),
                dispute(DisputeEventType.OPENED, "C1", "D1", "INV-1", 40_00, "2026-03-01T10:00:00Z"));
        long atRisk = at("2026-03-01T10:00:00Z") + Math.round(0.8 * 7 * 86_400_000L);
        long breach = at("2026-03-08T10:00:00Z");

        ledger.advanceTo(atRisk - 1);
        assertThat(ledger.alerts(AlertType.DISPUTE_SLA_AT_RISK)).isEmpty();
        ledger.advanceTo(atRisk);
        assertThat(ledger.alerts(AlertType.DISPUTE_SLA_AT_RISK)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.triggeredAt()).isEqualTo(atRisk);
            assertThat(a.disputeId()).isEqualTo("D1");
            assertThat(a.invoiceId()).isEqualTo("INV-1");
            assertThat(a.amountCents()).isEqualTo(40_00);
            assertThat(a.disputed()).isTrue();
        });
        ledger.advanceTo(breach - 1);
        assertThat(ledger.alerts(AlertType.DISPUTE_SLA_BREACHED)).isEmpty();
        ledger.advanceTo(breach);
        assertThat(ledger.alerts(AlertType.DISPUTE_SLA_BREACHED)).extracting(AlertTransition::severity)
                .containsExactly(Severity.CRITICAL);

        ledger.send(dispute(DisputeEventType.RESOLVED, "C1", "D1", "INV-1", 40_00, "2026-03-09T10:00:00Z"));
        ledger.advanceTo("2026-03-09T10:00:00Z");
        assertThat(ledger.alerts()).filteredOn(a -> a.disputeId() != null)
                .extracting(a -> a.alertType() + " " + a.status())
                .containsExactly("DISPUTE_SLA_AT_RISK OPEN", "DISPUTE_SLA_BREACHED OPEN",
                        "DISPUTE_SLA_AT_RISK RESOLVED", "DISPUTE_SLA_BREACHED RESOLVED");
        // The dispute's own states, for the disputes index: reason, amount, age and SLA state at each change.
        assertThat(ledger.disputes()).extracting(d -> d.slaState() + " " + d.asOf() + " " + d.reasonCode() + " "
                        + d.amountCents() + " " + d.currency() + " " + d.resolvedAt())
                .containsExactly("WITHIN " + at("2026-03-01T10:00:00Z") + " PRICING 4000 USD null",
                        "AT_RISK " + atRisk + " PRICING 4000 USD null",
                        "BREACHED " + breach + " PRICING 4000 USD null",
                        "RESOLVED " + at("2026-03-09T10:00:00Z") + " PRICING 4000 USD " + at("2026-03-09T10:00:00Z"));
        assertThat(ledger.disputes()).allSatisfy(d -> {
            assertThat(d.openedAt()).isEqualTo(at("2026-03-01T10:00:00Z"));
            assertThat(d.invoiceId()).isEqualTo("INV-1");
        });
    }

    @Test
    void aDisputeResolvedAtTheBreachInstantIsNotBreachedAndLeavesNothingBehind() throws Exception {
        ledger.send(dispute(DisputeEventType.OPENED, "C1", "D1", "INV-1", 40_00, "2026-03-01T10:00:00Z"),
                dispute(DisputeEventType.RESOLVED, "C1", "D1", "INV-1", 40_00, "2026-03-08T10:00:00Z"));
        ledger.advanceTo("2026-03-08T10:00:00Z");
        assertThat(ledger.alerts(AlertType.DISPUTE_SLA_BREACHED)).isEmpty();
        assertThat(ledger.alerts(AlertType.DISPUTE_SLA_AT_RISK)).extracting(AlertTransition::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        ledger.advanceTo("2026-05-01T00:00:00Z");
        assertThat(ledger.stateOf("C1")).doesNotContainKeys("disputes", "open-alerts", "deadlines");
        assertThat(ledger.timers()).isZero();
    }

    // ---- follow-up: the window runs from the start of dueDate + 1 for 5 days ----

    @Test
    void anInvoiceNobodyFollowedUpIsRaisedAtTheEndOfTheWindowAndResolvedByTheNextFollowUp() throws Exception {
        ledger.send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                activity(ActivityType.CALL, "C1", "INV-1", "2026-01-30T10:00:00Z"),
                activity(ActivityType.NOTE, "C1", "INV-1", "2026-02-02T10:00:00Z"));
        ledger.advanceTo(at("2026-02-06T00:00:00Z") - 1);
        assertThat(ledger.alerts(AlertType.FOLLOW_UP_MISSED)).isEmpty();
        ledger.advanceTo("2026-02-06T00:00:00Z");
        assertThat(ledger.alerts(AlertType.FOLLOW_UP_MISSED)).as("a call before the window and a note do not count")
                .singleElement().satisfies(a -> {
                    assertThat(a.severity()).isEqualTo(Severity.WARNING);
                    assertThat(a.triggeredAt()).isEqualTo(at("2026-02-06T00:00:00Z"));
                    assertThat(a.amountCents()).isEqualTo(100_00);
                });

        ledger.send(activity(ActivityType.EMAIL, "C1", "INV-1", "2026-02-07T09:00:00Z"));
        ledger.advanceTo("2026-02-07T09:00:00Z");
        assertThat(ledger.alerts(AlertType.FOLLOW_UP_MISSED)).extracting(AlertTransition::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
    }

    @Test
    void aFollowUpOnTheAccountOrAtTheLastInstantCountsAndDisputedInvoicesAreLeftAlone() throws Exception {
        ledger.send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                issued("C1", "INV-2", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                issued("C2", "INV-3", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                issued("C3", "INV-4", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                activity(ActivityType.REMINDER_SENT, "C1", null, "2026-02-03T10:00:00Z"),
                activity(ActivityType.CALL, "C2", "INV-3", "2026-02-06T00:00:00Z"),
                dispute(DisputeEventType.OPENED, "C3", "D1", "INV-4", 10_00, "2026-01-20T10:00:00Z"));
        ledger.advanceTo("2026-02-10T00:00:00Z");
        assertThat(ledger.alerts(AlertType.FOLLOW_UP_MISSED)).isEmpty();
    }

    @Test
    void closingTheInvoiceResolvesAMissedFollowUp() throws Exception {
        ledger.send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                received("C1", "P1", 100_00, "2026-02-08T10:00:00Z", to("INV-1", 100_00)));
        ledger.advanceTo("2026-02-08T10:00:00Z");
        assertThat(ledger.alerts(AlertType.FOLLOW_UP_MISSED)).extracting(AlertTransition::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
    }

    // ---- promises: judged at the start of day promisedDate + 1 + 1 (grace) ----

    @Test
    void aPromisePaidShortIsBrokenAtItsCheckAndResolvedWhenPaymentsReachIt() throws Exception {
        // The promise's topic is read after the payments': event time decides, not arrival.
        ledger.send(received("C1", "P0", 999_00, "2026-02-09T10:00:00Z"),
                received("C1", "P1", 300_00, "2026-02-15T10:00:00Z"),
                promise("C1", "INV-1", 500_00, "2026-02-20", "2026-02-10T10:00:00Z"));
        ledger.advanceTo(at("2026-02-22T00:00:00Z") - 1);
        assertThat(ledger.alerts(AlertType.PROMISE_BROKEN)).isEmpty();
        ledger.advanceTo("2026-02-22T00:00:00Z");
        assertThat(ledger.alerts(AlertType.PROMISE_BROKEN)).extracting(AlertCatalogueTest::summary)
                .containsExactly("OPEN WARNING " + at("2026-02-22T00:00:00Z") + " 20000");

        ledger.send(received("C1", "P2", 150_00, "2026-02-23T10:00:00Z"),
                received("C1", "P3", 50_00, "2026-02-24T10:00:00Z"));
        ledger.advanceTo("2026-02-24T10:00:00Z");
        assertThat(ledger.alerts(AlertType.PROMISE_BROKEN)).extracting(AlertTransition::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(ledger.alerts(AlertType.PROMISE_BROKEN).get(1).triggeredAt()).isEqualTo(at("2026-02-24T10:00:00Z"));
        assertThat(ledger.stateOf("C1")).doesNotContainKey("promises");
    }

    @Test
    void aPromiseKeptLeavesNoState() throws Exception {
        ledger.send(promise("C1", null, 500_00, "2026-02-20", "2026-02-10T10:00:00Z"),
                received("C1", "P1", 500_00, "2026-02-20T23:59:59Z"));
        ledger.advanceTo("2026-03-01T00:00:00Z");
        assertThat(ledger.alerts(AlertType.PROMISE_BROKEN)).isEmpty();
        assertThat(ledger.stateOf("C1")).doesNotContainKey("promises");
    }

    @Test
    void aReversedPaymentDoesNotCountForAPromise() throws Exception {
        ledger.send(promise("C2", null, 500_00, "2026-02-20", "2026-02-10T10:00:00Z"),
                received("C2", "P2", 500_00, "2026-02-12T10:00:00Z"),
                reversed("C2", "P2", 500_00, ReversalReason.NSF, "2026-02-15T10:00:00Z"));
        ledger.advanceTo("2026-03-01T00:00:00Z");
        assertThat(ledger.alerts(AlertType.PROMISE_BROKEN)).extracting(AlertCatalogueTest::summary)
                .containsExactly("OPEN WARNING " + at("2026-02-22T00:00:00Z") + " 50000");
    }

    // ---- credit limit: warning at 90%, exceeded above 100% ----

    @Test
    void creditLimitAlertsFollowOpenArBothWaysAndRecurAsNewOccurrences() throws Exception {
        ledger.send(customer("C1", "SMB", "col-1", 1_000_00L, "2026-01-01T00:00:00Z"),
                issued("C1", "INV-1", 899_99, "2026-01-01", "2026-03-31", "2026-01-02T10:00:00Z"),
                issued("C1", "INV-2", 1, "2026-01-01", "2026-03-31", "2026-01-03T10:00:00Z"),
                issued("C1", "INV-3", 100_01, "2026-01-01", "2026-03-31", "2026-01-04T10:00:00Z"),
                received("C1", "P1", 100_01, "2026-01-05T10:00:00Z", to("INV-3", 100_01)),
                received("C1", "P2", 1, "2026-01-06T10:00:00Z", to("INV-2", 1)),
                issued("C1", "INV-4", 2_00, "2026-01-01", "2026-03-31", "2026-01-07T10:00:00Z"));
        ledger.advanceTo("2026-01-08T00:00:00Z");

        assertThat(ledger.alerts(AlertType.CREDIT_LIMIT_WARNING)).extracting(a -> a.status() + " " + a.triggeredAt()
                        + " " + a.alertId().substring(a.alertId().lastIndexOf(':') + 1))
                .as("reached at exactly 90% (900.00), below after P2, again with INV-4")
                .containsExactly("OPEN " + at("2026-01-03T10:00:00Z") + " 1",
                        "RESOLVED " + at("2026-01-06T10:00:00Z") + " 1",
                        "OPEN " + at("2026-01-07T10:00:00Z") + " 2");
        assertThat(ledger.alerts(AlertType.CREDIT_LIMIT_EXCEEDED)).extracting(AlertTransition::status)
                .as("over 1,000.00 with INV-3, back at or below with P1")
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(ledger.alerts(AlertType.CREDIT_LIMIT_EXCEEDED).get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(ledger.alerts(AlertType.CREDIT_LIMIT_EXCEEDED).get(0).amountCents()).isEqualTo(1_000_01L);
    }

    // ---- reversals ----

    @Test
    void aReversedPaymentIsRaisedAndResolvedWhenLaterPaymentsMakeUpForIt() throws Exception {
        ledger.send(received("C1", "P1", 100_00, "2026-01-10T10:00:00Z"),
                reversed("C1", "P1", 100_00, ReversalReason.NSF, "2026-01-12T10:00:00Z"),
                received("C1", "P2", 60_00, "2026-01-13T10:00:00Z"),
                received("C1", "P3", 40_00, "2026-01-14T10:00:00Z"),
                received("C1", "P4", 50_00, "2026-01-15T10:00:00Z"),
                reversed("C1", "P4", 50_00, ReversalReason.RETURNED, "2026-01-16T10:00:00Z"));
        ledger.advanceTo("2026-01-17T00:00:00Z");
        assertThat(ledger.alerts(AlertType.PAYMENT_REVERSED)).extracting(a -> a.paymentId() + " " + a.status() + " "
                        + a.severity() + " " + a.triggeredAt())
                .containsExactly("P1 OPEN CRITICAL " + at("2026-01-12T10:00:00Z"),
                        "P1 RESOLVED CRITICAL " + at("2026-01-14T10:00:00Z"),
                        "P4 OPEN WARNING " + at("2026-01-16T10:00:00Z"));
    }

    // ---- unapplied cash: 3 days after receipt, exactly ----

    @Test
    void cashLeftUnappliedIsRaisedAfterThreeDaysAndResolvedWhenApplied() throws Exception {
        ledger.send(issued("C1", "INV-1", 100_00, "2026-01-01", "2026-03-31", "2026-01-01T10:00:00Z"),
                received("C1", "P1", 150_00, "2026-01-10T10:00:00Z"));
        ledger.advanceTo(at("2026-01-13T10:00:00Z") - 1);
        assertThat(ledger.alerts(AlertType.UNAPPLIED_CASH_AGED)).isEmpty();
        ledger.advanceTo("2026-01-13T10:00:00Z");
        assertThat(ledger.alerts(AlertType.UNAPPLIED_CASH_AGED)).singleElement()
                .satisfies(a -> assertThat(a.amountCents()).isEqualTo(150_00));

        ledger.send(payment(PaymentEventType.APPLIED, "C1", "P1", 100_00, "2026-01-14T10:00:00Z", to("INV-1", 100_00)));
        ledger.advanceTo("2026-01-14T10:00:00Z");
        assertThat(ledger.alerts(AlertType.UNAPPLIED_CASH_AGED)).as("50.00 still unapplied").hasSize(1);
        ledger.send(payment(PaymentEventType.REFUNDED, "C1", "P1", 50_00, "2026-01-15T10:00:00Z"));
        ledger.advanceTo("2026-01-15T10:00:00Z");
        assertThat(ledger.alerts(AlertType.UNAPPLIED_CASH_AGED)).extracting(AlertTransition::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        ledger.advanceTo("2026-06-01T00:00:00Z");
        assertThat(ledger.stateOf("C1")).doesNotContainKeys("payments", "open-alerts", "deadlines");
        assertThat(ledger.timers()).isZero();
    }

    @Test
    void cashAppliedWithinThreeDaysRaisesNothing() throws Exception {
        ledger.send(received("C1", "P1", 100_00, "2026-01-10T10:00:00Z"),
                issued("C1", "INV-1", 100_00, "2026-01-11", "2026-03-31", "2026-01-11T10:00:00Z"),
                payment(PaymentEventType.APPLIED, "C1", "P1", 100_00, "2026-01-13T09:59:59Z", to("INV-1", 100_00)));
        ledger.advanceTo("2026-01-20T00:00:00Z");
        assertThat(ledger.alerts(AlertType.UNAPPLIED_CASH_AGED)).isEmpty();
    }

    // ---- duplicates: same amount and PO within 30 days of issue ----

    @Test
    void aSecondInvoiceWithTheSameOrderAndAmountIsADuplicateUntilOneIsCancelled() throws Exception {
        ledger.send(issuedWithOrder("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "PO-7", "2026-01-01T10:00:00Z"),
                issuedWithOrder("C1", "INV-2", 100_00, "2026-01-20", "2026-02-19", "PO-7", "2026-01-20T10:00:00Z"),
                issuedWithOrder("C1", "INV-3", 100_01, "2026-01-20", "2026-02-19", "PO-7", "2026-01-20T11:00:00Z"),
                issuedWithOrder("C1", "INV-4", 100_00, "2026-03-05", "2026-04-04", "PO-7", "2026-03-05T10:00:00Z"),
                issuedWithOrder("C1", "INV-5", 100_00, "2026-01-05", "2026-02-04", "", "2026-01-05T10:00:00Z"));
        ledger.advanceTo("2026-01-21T00:00:00Z");
        assertThat(ledger.alerts(AlertType.DUPLICATE_INVOICE)).singleElement().satisfies(a -> {
            assertThat(a.invoiceId()).as("raised on the later one").isEqualTo("INV-2");
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.message()).contains("duplicate of INV-1", "PO-7");
        });

        ledger.send(invoice(InvoiceEventType.CANCELLED, "C1", "INV-1", 100_00, "2026-01-01", "2026-01-31",
                "2026-01-25T10:00:00Z"));
        ledger.advanceTo("2026-03-10T00:00:00Z");
        List<AlertTransition> duplicates = ledger.alerts(AlertType.DUPLICATE_INVOICE);
        assertThat(duplicates).extracting(AlertTransition::status)
                .as("INV-4 is 44 days after INV-2 and INV-1 is cancelled: no new duplicate")
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(duplicates.get(1).triggeredAt()).isEqualTo(at("2026-01-25T10:00:00Z"));
    }

    @Test
    void aPaidDuplicateStaysOpenUntilItIsCredited() throws Exception {
        ledger.send(issuedWithOrder("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "PO-7", "2026-01-01T10:00:00Z"),
                issuedWithOrder("C1", "INV-2", 100_00, "2026-01-02", "2026-02-01", "PO-7", "2026-01-02T10:00:00Z"),
                received("C1", "P1", 100_00, "2026-01-03T10:00:00Z", to("INV-2", 100_00)),
                invoice(InvoiceEventType.CREDITED, "C1", "INV-1", 100_00, "2026-01-01", "2026-01-31",
                        "2026-01-04T10:00:00Z"));
        ledger.advanceTo("2026-01-05T00:00:00Z");
        assertThat(ledger.alerts(AlertType.DUPLICATE_INVOICE)).extracting(a -> a.status() + " " + a.triggeredAt())
                .containsExactly("OPEN " + at("2026-01-02T10:00:00Z"), "RESOLVED " + at("2026-01-04T10:00:00Z"));
    }
}
