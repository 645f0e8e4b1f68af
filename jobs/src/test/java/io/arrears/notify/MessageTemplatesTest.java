package io.arrears.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.arrears.model.Severity;

class MessageTemplatesTest {

    private static final MessageTemplates TEMPLATES = new MessageTemplates("[{severity}] {alertType} {customer}",
            "{message}\nDays: {days}\nDispute: {dispute}\nNext: {nextStep}\n{link}", "{count} for {customers} ({recipient})",
            "- {status} {alertType} {invoice} {amount} {currency}", "https://grafana/d/c?var-customer={customer}");
    private static final Channel ANNA = new Channel(ChannelType.EMAIL, "anna@example.com", Severity.INFO);

    @Test
    void aSingleAlertSaysWhatHappenedWhatToDoAndWhere() {
        Message message = TEMPLATES.single(ANNA, alert("A1", "C1", "INVOICE_OVERDUE", "OPEN"));
        assertThat(message.subject()).isEqualTo("[WARNING] INVOICE_OVERDUE C1");
        assertThat(message.text()).isEqualTo("""
                Alert A1.
                Days: 30
                Dispute: -
                Next: Contact the customer about the overdue invoice and log the follow-up.
                https://grafana/d/c?var-customer=C1""");
        assertThat(message.idempotencyKey()).isEqualTo("alert:email:anna@example.com:A1/OPEN");
    }

    @Test
    void aDigestGroupsByCustomerAndItsKeyDependsOnlyOnItsTransitions() {
        List<MessageAlert> alerts = List.of(alert("A2", "C2", "PROMISE_BROKEN", "OPEN"),
                alert("A1", "C1", "INVOICE_OVERDUE", "OPEN"), alert("A3", "C2", "PROMISE_BROKEN", "RESOLVED"));
        Message digest = TEMPLATES.digest(ANNA, alerts);
        assertThat(digest.subject()).isEqualTo("3 for 2 (anna@example.com)");
        assertThat(digest.text()).isEqualTo("""
                Customer C1 (https://grafana/d/c?var-customer=C1)
                - OPEN INVOICE_OVERDUE C1-INV 100.00 USD

                Customer C2 (https://grafana/d/c?var-customer=C2)
                - OPEN PROMISE_BROKEN C2-INV 100.00 USD
                - RESOLVED PROMISE_BROKEN C2-INV 100.00 USD""");
        assertThat(TEMPLATES.digest(ANNA, List.of(alerts.get(2), alerts.get(0), alerts.get(1))).idempotencyKey())
                .isEqualTo(digest.idempotencyKey()).startsWith("digest:email:anna@example.com:");
        assertThat(TEMPLATES.digest(ANNA, alerts.subList(0, 2)).idempotencyKey()).isNotEqualTo(digest.idempotencyKey());
    }

    private static MessageAlert alert(String id, String customer, String type, String status) {
        return new MessageAlert(id, type, status, "WARNING", customer, customer + "-INV", null, "col-1", "SMB",
                "100.00", "USD", 30, "2026-03-02T00:00:00Z", "Alert " + id + ".");
    }
}
