package io.arrears.pipeline;

import java.util.List;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import io.arrears.model.CollectionPolicy;
import io.arrears.model.CustomerEvent;
import io.arrears.model.PolicyChange;

/**
 * Knows each customer's segment (keyed by customerId) and tells every customer a policy version concerns that
 * it is coming, as a {@link PolicyChange} in the customer's own stream: the ledger then recomputes its pending
 * deadlines at the version's eventTime. A customer seen for the first time, or moving to another segment, is
 * told of every version known for it, so the outcome does not depend on what arrived first.
 */
public final class PolicyDirectory
        extends KeyedBroadcastProcessFunction<String, CustomerEvent, CollectionPolicy, CustomerEvent> {

    /** The customer's segment; "" while it has no master data (the "*" policy applies). */
    static final ValueStateDescriptor<String> SEGMENT = new ValueStateDescriptor<>("segment", Types.STRING);

    private transient ValueState<String> segment;

    @Override
    public void open(OpenContext openContext) {
        segment = getRuntimeContext().getState(SEGMENT);
    }

    @Override
    public void processElement(CustomerEvent event, ReadOnlyContext ctx, Collector<CustomerEvent> out)
            throws Exception {
        out.collect(event);
        String known = segment.value();
        String current = event.customer() != null ? event.customer().segment() : known == null ? "" : known;
        if (!current.equals(known)) {
            segment.update(current);
            for (String concerned : List.of(current, CollectionPolicy.DEFAULT_SEGMENT)) {
                List<CollectionPolicy> versions = ctx.getBroadcastState(PolicyBroadcast.VERSIONS).get(concerned);
                if (versions != null) {
                    versions.forEach(version -> out.collect(notice(event.customerId(), version)));
                }
            }
        }
    }

    @Override
    public void processBroadcastElement(CollectionPolicy policy, Context ctx, Collector<CustomerEvent> out)
            throws Exception {
        PolicyBroadcast.add(ctx.getBroadcastState(PolicyBroadcast.VERSIONS), policy);
        ctx.applyToKeyedState(SEGMENT, (customerId, customerSegment) -> {
            String value = customerSegment.value();
            if (policy.segment().equals(CollectionPolicy.DEFAULT_SEGMENT) || policy.segment().equals(value)) {
                out.collect(notice(customerId, policy));
            }
        });
    }

    private static CustomerEvent notice(String customerId, CollectionPolicy policy) {
        return CustomerEvent.of(new PolicyChange(customerId, policy));
    }
}
