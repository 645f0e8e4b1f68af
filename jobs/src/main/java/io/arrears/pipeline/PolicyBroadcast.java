package io.arrears.pipeline;

import java.util.List;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;

import io.arrears.ledger.PolicyBook;
import io.arrears.ledger.PolicyVersions;
import io.arrears.model.CollectionPolicy;

/** The policy versions every subtask keeps, by segment, as broadcast state. */
final class PolicyBroadcast {

    static final MapStateDescriptor<String, List<CollectionPolicy>> VERSIONS = new MapStateDescriptor<>(
            "policy-versions", Types.STRING, new ListTypeInfo<>(DomainTypes.of(CollectionPolicy.class)));

    private PolicyBroadcast() {
    }

    static void add(BroadcastState<String, List<CollectionPolicy>> state, CollectionPolicy policy) throws Exception {
        state.put(policy.segment(), PolicyVersions.with(state.get(policy.segment()), policy));
    }

    static PolicyBook book(ReadOnlyBroadcastState<String, List<CollectionPolicy>> state) {
        return (segment, at) -> PolicyVersions.inForce(known -> {
            try {
                return state.get(known);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the policy versions", e);
            }
        }, segment, at);
    }
}
