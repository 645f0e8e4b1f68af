package io.arrears.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.arrears.io.registry.RegistrySettings;
import io.arrears.ledger.AlertTransition;
import io.arrears.model.AlertStatus;
import io.arrears.model.AlertType;
import io.arrears.model.Severity;

/**
 * Output records leave the timestamp to Kafka (the time of writing): an alert of a backfill has a business
 * time months old, and time-based retention would delete a record stamped with it almost at once.
 */
class RecordTimestampTest {

    @Test
    void alertRecordsAreNotStampedWithTheirBusinessTime() {
        AlertSerializer serializer = new AlertSerializer("ar.alerts", RegistrySettings.of("http://unused:1"));
        AlertTransition old = new AlertTransition("C1:INVOICE_OVERDUE:I1:1:1", AlertType.INVOICE_OVERDUE,
                AlertStatus.OPEN, Severity.INFO, "C1", "I1", null, null, null, null, false, 100L, "USD", 1,
                0L, "m", 0L, null);
        assertThat(serializer.record(old, new byte[0]).timestamp()).isNull();
    }
}
