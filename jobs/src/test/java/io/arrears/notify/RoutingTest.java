package io.arrears.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoutingTest {

    private static final Routing ROUTING = Routing.parse("""
            {"collectors": {"col-1": [{"email": "anna@example.com"},
                                      {"slack": "https://hooks.slack.com/services/T/B/secret", "minSeverity": "CRITICAL"}],
                            "col-2": []},
             "segments": {"SMB": [{"webhook": "https://hooks.example.com/smb"}]},
             "fallback": [{"email": "team@example.com", "minSeverity": "WARNING"}]}
            """);

    @Test
    void aCollectorsChannelsTakeItsAlertsFromEachChannelsMinimumSeverity() {
        assertThat(ROUTING.channelsFor(alert("col-1", "SMB", "WARNING"))).extracting(Channel::id)
                .containsExactly("email:anna@example.com");
        assertThat(ROUTING.channelsFor(alert("col-1", "SMB", "CRITICAL"))).extracting(Channel::id)
                .containsExactly("email:anna@example.com", "slack:hooks.slack.com#" + slackHash());
    }

    @Test
    void aCollectorWithoutRouteGetsTheSegmentDefaultAndAnUnassignedCustomerTheFallback() {
        assertThat(ROUTING.channelsFor(alert("col-7", "SMB", "INFO"))).extracting(Channel::address)
                .containsExactly("https://hooks.example.com/smb");
        assertThat(ROUTING.channelsFor(alert(null, "SMB", "WARNING"))).extracting(Channel::address)
                .containsExactly("team@example.com");
        assertThat(ROUTING.channelsFor(alert(null, "SMB", "INFO"))).as("below the fallback's minimum").isEmpty();
        assertThat(ROUTING.reaches(alert(null, "SMB", "INFO"))).isTrue();
        assertThat(ROUTING.channelsFor(alert("col-2", "SMB", "CRITICAL"))).as("col-2 chose no channels").isEmpty();
        assertThat(Routing.parse("{}").reaches(alert("col-1", "SMB", "CRITICAL"))).isFalse();
    }

    @Test
    void controlRecordsReplaceAndRemoveRoutes() {
        Routing changed = ROUTING.with("collector:col-1", "[{\"webhook\": \"https://hooks.example.com/anna\"}]");
        assertThat(changed.channelsFor(alert("col-1", "SMB", "INFO"))).extracting(Channel::address)
                .containsExactly("https://hooks.example.com/anna");
        Routing removed = changed.with("collector:col-1", null);
        assertThat(removed.channelsFor(alert("col-1", "SMB", "INFO"))).extracting(Channel::address)
                .containsExactly("https://hooks.example.com/smb");
    }

    @Test
    void badRoutesAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> ROUTING.with("team", "[]")).hasMessageContaining("collector:ID, segment:NAME, fallback");
        assertThatThrownBy(() -> ROUTING.with("fallback", "[{\"email\": \"not-an-address\"}]"))
                .hasMessage("fallback: 'not-an-address' is not an email address");
        assertThatThrownBy(() -> ROUTING.with("fallback", "[{\"pager\": \"x\"}]"))
                .hasMessageContaining("a channel needs one of \"email\", \"slack\", \"webhook\"");
        // Neither a mistyped key's value nor the text JSON parsing stumbled on is quoted: either may be a secret URL.
        assertThatThrownBy(() -> ROUTING.with("fallback", "[{\"slak\": \"https://hooks.slack.com/T/B/s3cret\"}]"))
                .hasMessage("fallback: a channel needs one of \"email\", \"slack\", \"webhook\", had the keys [\"slak\"]");
        assertThatThrownBy(() -> ROUTING.with("fallback", "[{\"slack\": https://hooks.slack.com/T/B/s3cret}]"))
                .hasMessageStartingWith("route fallback is not valid JSON (line 1, column").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> Routing.parse("{\"collector\": {}}")).hasMessageContaining("unknown entry 'collector'");
        assertThatThrownBy(() -> ROUTING.with("fallback", "[{\"slack\": \"ftp://x\"}]"))
                .hasMessage("fallback: a slack channel needs an http(s) URL with a host")
                .hasMessageNotContaining("ftp");
        assertThatThrownBy(() -> ROUTING.with("collector:" + "x".repeat(300), "[]"))
                .hasMessageContaining("(printable, at most 200 characters)");
        assertThatThrownBy(() -> ROUTING.with("collector:a\u0000b", "[]")).hasMessageContaining("is none of");
        String many = "[" + String.join(",", java.util.Collections.nCopies(21, "{\"email\": \"a@example.com\"}")) + "]";
        assertThatThrownBy(() -> ROUTING.with("fallback", many)).hasMessage("fallback has 21 channels, more than 20");
        assertThatThrownBy(() -> ROUTING.with("fallback", "[" + " ".repeat(20_000) + "]"))
                .hasMessage("fallback: a route of 20002 characters is longer than 16384");
        // Through the pattern, but not through URI parsing (a space is not the only thing it refuses), or no host:
        // refused here, not later inside the job's keyBy, where it would fail the job.
        for (String url : new String[] {"https://hooks.example.com/a|b?token=s3cret", "http://[::1", "https:///path"}) {
            assertThatThrownBy(() -> ROUTING.with("fallback", "[{\"webhook\": \"" + url + "\"}]"))
                    .hasMessage("fallback: a webhook channel needs an http(s) URL with a host")
                    .hasMessageNotContaining("s3cret");
        }
    }

    @Test
    void aWebhooksIdKeepsItsUrlSecret() {
        Channel slack = new Channel(ChannelType.SLACK, "https://hooks.slack.com/services/T/B/secret",
                io.arrears.model.Severity.INFO);
        assertThat(slack.id()).startsWith("slack:hooks.slack.com#").doesNotContain("secret");
    }

    private static String slackHash() {
        return new Channel(ChannelType.SLACK, "https://hooks.slack.com/services/T/B/secret",
                io.arrears.model.Severity.INFO).id().substring("slack:hooks.slack.com#".length());
    }

    static MessageAlert alert(String collector, String segment, String severity) {
        return new MessageAlert("C1:INVOICE_OVERDUE:I1:1", "INVOICE_OVERDUE", "OPEN", severity, "C1", "I1", null,
                collector, segment, "100.00", "USD", 5, "2026-03-02T00:00:00Z", "Invoice I1 is 5 days overdue.");
    }
}
