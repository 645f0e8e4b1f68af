package io.arrears.pipeline;

import static io.arrears.testing.Events.at;
import static io.arrears.testing.Events.customer;
import static io.arrears.testing.Events.issued;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import io.arrears.model.CollectionPolicy;
import io.arrears.model.CustomerEvent;

class PolicyDirectoryTest {

    private static CollectionPolicy policy(String id, String segment) {
        return new CollectionPolicy(id, segment, List.of(1, 30), 0, 7, 0.8, 5, 1, 0.9, 3, 30,
                at("2026-02-01T00:00:00Z"));
    }

    private static List<String> notices(KeyedBroadcastOperatorTestHarness<String, CustomerEvent, CollectionPolicy,
            CustomerEvent> harness) {
        return harness.extractOutputValues().stream().filter(e -> e.policyChange() != null)
                .map(e -> e.customerId() + "<-" + e.policyChange().policy().policyId()).toList();
    }

    @Test
    void everyCustomerAPolicyConcernsIsToldOfItWhateverArrivedFirst() throws Exception {
        try (var harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new PolicyDirectory(),
                CustomerEvent::customerId, Types.STRING, PolicyBroadcast.VERSIONS)) {
            harness.processElement(customer("C1", "SMB", null, null, "2026-01-01T00:00:00Z"), 0);
            harness.processElement(customer("C2", "ENTERPRISE", null, null, "2026-01-01T00:00:00Z"), 0);
            harness.processElement(issued("C3", "INV-1", 100, "2026-01-01", "2026-01-31", "2026-01-01T00:00:00Z"), 0);

            harness.processBroadcastElement(policy("default-v2", "*"), 0);
            harness.processBroadcastElement(policy("smb-v1", "SMB"), 0);
            assertThat(notices(harness)).containsExactlyInAnyOrder("C1<-default-v2", "C2<-default-v2",
                    "C3<-default-v2", "C1<-smb-v1");

            // Arriving after the policies, or moving segment: told of what concerns it now.
            harness.processElement(customer("C4", "SMB", null, null, "2026-01-01T00:00:00Z"), 0);
            harness.processElement(customer("C2", "SMB", null, null, "2026-03-01T00:00:00Z"), 0);
            assertThat(notices(harness)).containsExactlyInAnyOrder("C1<-default-v2", "C2<-default-v2",
                    "C3<-default-v2", "C1<-smb-v1", "C4<-smb-v1", "C4<-default-v2", "C2<-smb-v1", "C2<-default-v2");
            assertThat(harness.extractOutputValues()).filteredOn(e -> e.policyChange() == null).hasSize(5);
        }
    }
}
