package io.arrears.pipeline;

import static io.arrears.testing.Events.at;
import static io.arrears.testing.Events.customer;
import static io.arrears.testing.Events.dispute;
import static io.arrears.testing.Events.issued;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.arrears.ledger.AlertTransition;
import io.arrears.model.AlertType;
import io.arrears.model.CollectionPolicy;
import io.arrears.model.DisputeEventType;

/** A new policy version on entities that exist already: pending deadlines move; passed ones fire at once. */
class PolicyChangeTest extends LedgerHarnessTest {

    private static final long DAY = 86_400_000L;


    private static CollectionPolicy policy(String id, String segment, int disputeSlaDays, List<Integer> stages,
                                           String inForceFrom) {
        return new CollectionPolicy(id, segment, stages, 0, disputeSlaDays, 0.8, 5, 1, 0.9, 3, 30, at(inForceFrom));
    }

    @Test
    void anExtendedDisputeSlaMovesThePendingBreach() throws Exception {
        long opened = at("2026-03-01T10:00:00Z");
        ledger.send(dispute(DisputeEventType.OPENED, "C1", "D1", "INV-1", 10_00, "2026-03-01T10:00:00Z"));
        ledger.advanceTo("2026-03-03T00:00:00Z");
        ledger.policy(policy("v2", "*", 14, List.of(1, 30, 60, 90), "2026-03-04T00:00:00Z"), "C1");

        ledger.advanceTo(opened + 7 * DAY);
        assertThat(ledger.alerts(AlertType.DISPUTE_SLA_BREACHED)).as("no longer due after 7 days").isEmpty();
        assertThat(ledger.alerts(AlertType.DISPUTE_SLA_AT_RISK)).as("80% of 14 days is 11.2 days").isEmpty();
        ledger.advanceTo(opened + Math.round(0.8 * 14 * DAY));
        assertThat(ledger.alerts(AlertType.DISPUTE_SLA_AT_RISK)).hasSize(1);
        ledger.advanceTo(opened + 14 * DAY);
        assertThat(ledger.alerts(AlertType.DISPUTE_SLA_BREACHED)).extracting(AlertTransition::triggeredAt)
                .containsExactly(opened + 14 * DAY);
    }

    @Test
    void aShortenedSlaFiresWhatItPutsBeforeItsEventTimeAtThatEventTime() throws Exception {
        ledger.send(dispute(DisputeEventType.OPENED, "C1", "D1", "INV-1", 10_00, "2026-03-01T10:00:00Z"));
        ledger.advanceTo("2026-03-04T00:00:00Z");
        ledger.policy(policy("v2", "*", 2, List.of(1, 30, 60, 90), "2026-03-05T00:00:00Z"), "C1");
        ledger.advanceTo("2026-03-05T00:00:00Z");

        assertThat(ledger.alerts()).filteredOn(a -> a.disputeId() != null)
                .extracting(a -> a.alertType() + " " + a.triggeredAt())
                .containsExactlyInAnyOrder("DISPUTE_SLA_AT_RISK " + at("2026-03-05T00:00:00Z"),
                        "DISPUTE_SLA_BREACHED " + at("2026-03-05T00:00:00Z"));
    }

    @Test
    void newOverdueStagesApplyToOpenInvoicesAndTheSegmentsOwnPolicyWinsOverTheDefault() throws Exception {
        ledger.send(customer("C1", "SMB", "col-1", null, "2026-01-01T00:00:00Z"),
                customer("C2", "ENTERPRISE", "col-2", null, "2026-01-01T00:00:00Z"),
                issued("C1", "INV-1", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"),
                issued("C2", "INV-2", 100_00, "2026-01-01", "2026-01-31", "2026-01-01T10:00:00Z"));
        ledger.advanceTo("2026-02-10T00:00:00Z");
        // SMB gets stages 1, 7, 14; the default keeps 1, 30, 60, 90 for ENTERPRISE.
        ledger.policy(policy("smb-v1", "SMB", 7, List.of(1, 7, 14), "2026-02-10T12:00:00Z"), "C1");
        ledger.advanceTo("2026-03-05T00:00:00Z");

        assertThat(ledger.alerts(AlertType.INVOICE_OVERDUE)).extracting(a -> a.customerId() + " " + a.stageDays()
                        + " " + a.triggeredAt())
                .containsExactly("C1 1 " + at("2026-02-01T00:00:00Z"), "C2 1 " + at("2026-02-01T00:00:00Z"),
                        "C1 7 " + at("2026-02-10T12:00:00Z"), "C1 14 " + at("2026-02-14T00:00:00Z"),
                        "C2 30 " + at("2026-03-02T00:00:00Z"));
    }

    @Test
    void aPolicyArrivingAfterBusinessTimePassedItsEventTimeStillTakesEffectAtThatTime() throws Exception {
        ledger.send(dispute(DisputeEventType.OPENED, "C1", "D1", "INV-1", 10_00, "2026-03-01T10:00:00Z"));
        ledger.advanceTo("2026-03-05T12:00:00Z");
        ledger.policy(policy("v2", "*", 2, List.of(1, 30, 60, 90), "2026-03-05T00:00:00Z"), "C1");

        assertThat(ledger.alerts(AlertType.DISPUTE_SLA_BREACHED)).extracting(AlertTransition::triggeredAt)
                .containsExactly(at("2026-03-05T00:00:00Z"));
    }
}
