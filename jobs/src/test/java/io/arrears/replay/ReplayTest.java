package io.arrears.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.io.files.AvroJson;

class ReplayTest {

    private static final List<String> HISTORY = List.of(
            // Out of file order on purpose: a replay follows the events' own times.
            "{\"stream\":\"payments\",\"eventId\":\"p1\",\"eventType\":\"RECEIVED\",\"paymentId\":\"P1\",\"customerId\":\"C1\","
                    + "\"amount\":\"60.00\",\"currency\":\"USD\",\"allocations\":[{\"invoiceId\":\"INV-1\",\"amount\":60}],"
                    + "\"eventTime\":\"2026-03-10T09:00:00Z\"}",
            "{\"stream\":\"customers\",\"eventId\":\"c1\",\"customerId\":\"C1\",\"name\":\"Acme\",\"segment\":\"SMB\","
                    + "\"region\":\"EMEA\",\"collectorId\":\"col-1\",\"creditLimit\":1000,\"currency\":\"USD\","
                    + "\"paymentTermsDays\":30,\"eventTime\":\"2026-01-01T00:00:00Z\"}",
            "{\"stream\":\"invoices\",\"eventId\":\"i1\",\"eventType\":\"ISSUED\",\"invoiceId\":\"INV-1\",\"customerId\":\"C1\","
                    + "\"amount\":100.00,\"currency\":\"USD\",\"issueDate\":\"2026-01-01\",\"dueDate\":\"2026-01-31\","
                    + "\"eventTime\":\"2026-01-01T10:00:00Z\"}",
            "",
            "{\"stream\":\"invoices\",\"eventId\":\"bad\",\"eventType\":\"ISSUED\",\"invoiceId\":\"INV-2\",\"customerId\":\"C1\","
                    + "\"amount\":-5,\"currency\":\"USD\",\"issueDate\":\"2026-01-01\",\"dueDate\":\"2026-01-31\","
                    + "\"eventTime\":\"2026-01-01T10:00:00Z\"}",
            "{\"stream\":\"refunds\"}",
            "{\"stream\":\"invoices\",\"eventId\":\"i3\",\"eventType\":\"ISSUED\",\"invoiceId\":\"INV-3\",\"customerId\":\"C2\","
                    + "\"amount\":50,\"currency\":\"USD\",\"issueDate\":\"2026-03-01\",\"dueDate\":\"2026-03-31\","
                    + "\"eventTime\":\"2026-03-01T10:00:00Z\"}");

    @Test
    void replaysAFileUpToAsOfAndReportsBadLines(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("history.jsonl");
        Files.write(events, HISTORY);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Replay replay = new Replay(ArrearsConfig.of(Map.of()), 2, new PrintStream(stderr, true, StandardCharsets.UTF_8));

        Replay.Result result = replay.run(events, Instant.parse("2026-03-15T00:00:00Z"), dir.resolve("out"));

        List<JsonNode> alerts = overdue(dir.resolve("out/alerts.jsonl"));
        assertThat(alerts).extracting(a -> a.get("stageDays").asInt() + " " + a.get("status").asText()
                        + " " + a.get("triggeredAt").asText())
                .containsExactly("1 OPEN 2026-02-01T00:00:00Z", "30 OPEN 2026-03-02T00:00:00Z");
        assertThat(alerts.get(0).get("amount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(alerts.get(0).get("collectorId").asText()).isEqualTo("col-1");

        List<JsonNode> customers = read(dir.resolve("out/customers.jsonl"));
        assertThat(customers).hasSize(2);
        JsonNode c1 = customers.get(0);
        assertThat(c1.get("customerId").asText()).isEqualTo("C1");
        assertThat(c1.get("asOf").asText()).isEqualTo("2026-03-15T00:00:00Z");
        assertThat(c1.get("arTotal").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(c1.get("ar31to60").decimalValue()).as("43 days past due").isEqualByComparingTo("40.00");
        assertThat(c1.get("creditUtilization").asDouble()).isEqualTo(0.04);
        assertThat(customers.get(1).get("arCurrent").decimalValue()).isEqualByComparingTo("50.00");

        List<JsonNode> deadLetters = read(dir.resolve("out/deadletter.jsonl"));
        assertThat(deadLetters).extracting(d -> d.get("offset").asLong()).containsExactly(5L, 6L);
        assertThat(deadLetters.get(0).get("error").asText())
                .isEqualTo("line 5: InvoiceEvent.amount must not be negative, was -5.00");
        assertThat(deadLetters.get(1).get("error").asText()).startsWith("line 6: unknown stream \"refunds\"");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("line 5: InvoiceEvent.amount must not be negative");
        assertThat(read(dir.resolve("out/alerts.jsonl"))).extracting(a -> a.get("alertType").asText())
                .as("no follow-up on INV-1 either").contains("FOLLOW_UP_MISSED");
    }

    @Test
    void noDeadlineAfterAsOfFiresAlthoughTheInputEnds(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("history.jsonl");
        Files.write(events, HISTORY);
        Replay replay = new Replay(ArrearsConfig.of(Map.of()), 1, new PrintStream(new ByteArrayOutputStream()));

        replay.run(events, Instant.parse("2026-02-01T00:00:00Z"), dir.resolve("at-stage-1"));
        replay.run(events, Instant.parse("2026-01-31T23:59:59.999Z"), dir.resolve("just-before"));
        Replay.Result defaulted = replay.run(events, null, dir.resolve("default"));

        assertThat(overdue(dir.resolve("at-stage-1/alerts.jsonl"))).hasSize(1);
        assertThat(overdue(dir.resolve("just-before/alerts.jsonl"))).isEmpty();
        assertThat(defaulted.asOf()).as("the latest eventTime in the file")
                .isEqualTo(Instant.parse("2026-03-10T09:00:00Z").toEpochMilli());
        assertThat(overdue(dir.resolve("default/alerts.jsonl"))).extracting(a -> a.get("status").asText())
                .containsExactly("OPEN", "OPEN");
    }

    @Test
    void anInvalidPolicyIsDeadLetteredAndThePreviousOneStaysInForce(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("policies.jsonl");
        Files.write(events, List.of(
                "{\"stream\":\"policies\",\"policyId\":\"v1\",\"segment\":\"*\",\"overdueStageDays\":[1,10],"
                        + "\"eventTime\":\"2026-01-01T00:00:00Z\"}",
                "{\"stream\":\"policies\",\"policyId\":\"v2\",\"segment\":\"*\",\"overdueStageDays\":[10,1],"
                        + "\"eventTime\":\"2026-01-02T00:00:00Z\"}",
                HISTORY.get(2)));
        new Replay(ArrearsConfig.of(Map.of()), 1, new PrintStream(new ByteArrayOutputStream()))
                .run(events, Instant.parse("2026-02-20T00:00:00Z"), dir.resolve("out"));

        assertThat(read(dir.resolve("out/deadletter.jsonl"))).singleElement().satisfies(d -> assertThat(
                d.get("error").asText()).isEqualTo("line 2: CollectionPolicy.overdueStageDays must be strictly "
                + "ascending, without duplicates, was [10, 1]"));
        assertThat(overdue(dir.resolve("out/alerts.jsonl"))).extracting(a -> a.get("stageDays").asInt())
                .as("stages of v1, which stayed in force").containsExactly(1, 10);
    }

    @Test
    void anEventInACurrencyWithoutARateIsDeadLetteredAndTheRestFlows(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("currencies.jsonl");
        Files.write(events, List.of(HISTORY.get(1), HISTORY.get(2), HISTORY.get(2).replace("\"i1\"", "\"i9\"")
                .replace("INV-1", "INV-9").replace("\"USD\"", "\"SEK\"")));
        Replay.Result result = new Replay(ArrearsConfig.of(Map.of()), 1, new PrintStream(new ByteArrayOutputStream()))
                .run(events, Instant.parse("2026-02-20T00:00:00Z"), dir.resolve("out"));

        assertThat(read(dir.resolve("out/deadletter.jsonl"))).singleElement().satisfies(d -> assertThat(
                d.get("error").asText()).isEqualTo("line 3: currency SEK has no rate into the reporting currency "
                + "USD; add it to the option kpi.rates"));
        assertThat(overdue(dir.resolve("out/alerts.jsonl"))).extracting(a -> a.get("invoiceId").asText())
                .as("the invoice in USD goes on").contains("INV-1").doesNotContain("INV-9");
        assertThat(result.kpiSnapshots()).isPositive();
    }

    @Test
    void anInvoiceThatWouldCarryTheCustomersReceivablesPastWhatTheBooksHoldIsDeadLetteredByTheLedger(@TempDir Path dir)
            throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of(HISTORY.get(1)));
        for (int i = 0; i <= 1000; i++) {
            lines.add(HISTORY.get(2).replace("\"i1\"", "\"big" + i + "\"").replace("INV-1", "BIG-" + i)
                    .replace("\"amount\":100.00", "\"amount\":1000000000000.00"));
        }
        Files.write(events(dir), lines);
        new Replay(ArrearsConfig.of(Map.of()), 1, new PrintStream(new ByteArrayOutputStream()))
                .run(events(dir), Instant.parse("2026-01-02T00:00:00Z"), dir.resolve("out"));

        assertThat(read(dir.resolve("out/deadletter.jsonl"))).singleElement().satisfies(d -> {
            assertThat(d.get("sourceTopic").asText()).isEqualTo("ledger");
            assertThat(d.get("reasonCode").asText()).isEqualTo("LIMIT");
            assertThat(d.get("error").asText()).contains("the customer's open receivables of 1000000000000000.00 "
                    + "plus 1000000000000.00 would exceed what Arrears holds per customer");
        });
        assertThat(read(dir.resolve("out/customers.jsonl"))).singleElement().satisfies(c -> assertThat(
                c.get("arTotal").decimalValue()).isEqualByComparingTo("1000000000000000.00"));
    }

    private static Path events(Path dir) {
        return dir.resolve("large.jsonl");
    }

    private static List<JsonNode> read(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(AvroJson::parse).toList();
    }

    private static List<JsonNode> overdue(Path file) throws Exception {
        return read(file).stream().filter(a -> a.get("alertType").asText().equals("INVOICE_OVERDUE")).toList();
    }
}
