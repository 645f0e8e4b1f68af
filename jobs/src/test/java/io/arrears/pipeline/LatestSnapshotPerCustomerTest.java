package io.arrears.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import io.arrears.ledger.CustomerSnapshot;

class LatestSnapshotPerCustomerTest {

    private static CustomerSnapshot snapshot(String customerId, long revision) {
        return new CustomerSnapshot(customerId, revision, null, null, null, null, "USD", 1, revision, revision, 0, 0,
                0, 0, 0, 0, 0, 0, null, null, revision, null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CustomerSnapshot, CustomerSnapshot> harness()
            throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new LatestSnapshotPerCustomer(Duration.ofSeconds(1))),
                CustomerSnapshot::customerId, Types.STRING);
        harness.open();
        return harness;
    }

    @Test
    void aBurstBecomesOneWritePerCustomerPerInterval() throws Exception {
        try (var harness = harness()) {
            harness.setProcessingTime(0);
            for (long revision = 1; revision <= 50; revision++) {
                harness.processElement(snapshot("C1", revision), 0);
            }
            harness.processElement(snapshot("C2", 7), 0);
            harness.processElement(snapshot("C1", 30), 0); // an older one arriving late changes nothing
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.setProcessingTime(1000);
            assertThat(harness.extractOutputValues()).extracting(s -> s.customerId() + "@" + s.revision())
                    .containsExactlyInAnyOrder("C1@50", "C2@7");

            harness.processElement(snapshot("C1", 51), 0);
            harness.setProcessingTime(1500);
            assertThat(harness.extractOutputValues()).hasSize(2);
            harness.setProcessingTime(2000);
            assertThat(harness.extractOutputValues()).extracting(s -> s.customerId() + "@" + s.revision())
                    .containsExactlyInAnyOrder("C1@50", "C2@7", "C1@51");
            assertThat(harness.numProcessingTimeTimers()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void theEndOfABoundedInputFlushesWhatWaits() throws Exception {
        try (var harness = harness()) {
            harness.setProcessingTime(0);
            harness.processElement(snapshot("C1", 3), 0);
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.extractOutputValues()).extracting(CustomerSnapshot::revision).containsExactly(3L);
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }
}
