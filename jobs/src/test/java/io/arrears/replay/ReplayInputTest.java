package io.arrears.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arrears.model.InputLimits;

class ReplayInputTest {

    @Test
    void sortsByEventTimeKeepingEachLinesNumberAndCountsWhatIsAfterAsOf(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.write(events, List.of(
                "{\"stream\":\"payments\",\"eventTime\":\"2026-03-10T09:00:00Z\",\"x\":{\"eventTime\":1}}",
                "{\"stream\":\"customers\",\"eventTime\":1767225600000}",
                "",
                "not json",
                "{\"stream\":\"invoices\",\"eventTime\":\"2026-01-01T10:00:00Z\"}",
                "{\"stream\":\"invoices\",\"eventTime\":\"2026-04-01T00:00:00Z\"}"));

        ReplayInput input = ReplayInput.prepare(events, Instant.parse("2026-03-15T00:00:00Z"), dir, InputLimits.DEFAULTS);

        assertThat(Files.readAllLines(input.file())).containsExactly(
                "4\tnot json",
                "2\t{\"stream\":\"customers\",\"eventTime\":1767225600000}",
                "5\t{\"stream\":\"invoices\",\"eventTime\":\"2026-01-01T10:00:00Z\"}",
                "1\t{\"stream\":\"payments\",\"eventTime\":\"2026-03-10T09:00:00Z\",\"x\":{\"eventTime\":1}}",
                "6\t{\"stream\":\"invoices\",\"eventTime\":\"2026-04-01T00:00:00Z\"}");
        assertThat(input.horizon()).isEqualTo(Instant.parse("2026-03-15T00:00:00Z").toEpochMilli());
        assertThat(input.eventsAfterAsOf()).isEqualTo(1);
        assertThat(ReplayInput.prepare(events, null, dir.resolve("latest"), InputLimits.DEFAULTS).horizon())
                .isEqualTo(Instant.parse("2026-04-01T00:00:00Z").toEpochMilli());
    }
}
