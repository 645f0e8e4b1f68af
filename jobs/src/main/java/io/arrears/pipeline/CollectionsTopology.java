package io.arrears.pipeline;

import java.util.List;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import io.arrears.ingest.DeadLetter;
import io.arrears.ingest.Ingested;
import io.arrears.kpi.KpiDelta;
import io.arrears.kpi.KpiSnapshot;
import io.arrears.ledger.AlertTransition;
import io.arrears.ledger.CustomerSnapshot;
import io.arrears.ledger.DisputeSnapshot;
import io.arrears.model.CollectionPolicy;
import io.arrears.model.CustomerEvent;

/**
 * The collections job's topology, independent of where its input comes from (Kafka, a replay file, a test)
 * and where its output goes. Every stateful operator has a stable uid, so savepoints survive upgrades.
 *
 * <pre>
 * input ─► split-ingested ─► dead letters
 *               │ customer events, keyed by customerId     policies (broadcast)
 *               ▼                                              │
 *         policy-directory ◄──────────────────────────────────┤ tells each customer of the versions that concern it
 *               ▼                                              │
 *            ledger ◄─────────────────────────────────────────┘
 *               ├──► alert transitions
 *               ├────► customer snapshots ─► latest-snapshot-per-customer (one per flush interval)
 *               └────► KPI contributions, keyed by scope ─► kpi-scopes ─► a snapshot per scope per interval
 * </pre>
 */
public final class CollectionsTopology {

    private CollectionsTopology() {
    }

    /** The streams the topology produced, for callers that add outputs of their own. */
    public record Outputs(DataStream<AlertTransition> alerts, DataStream<CustomerSnapshot> customers,
                          DataStream<DisputeSnapshot> disputes, DataStream<KpiSnapshot> kpis,
                          DataStream<DeadLetter> deadLetters) {
    }

    public static Outputs build(DataStream<Ingested> input, CollectionsSettings settings, CollectionsSinks sinks) {
        IngestedStreams streams = IngestedStreams.split(input);

        BroadcastStream<CollectionPolicy> policies = streams.policies().broadcast(PolicyBroadcast.VERSIONS);
        DataStream<CustomerEvent> withPolicyChanges = streams.events()
                .keyBy(CustomerEvent::customerId)
                .connect(policies)
                .process(new PolicyDirectory())
                .uid("policy-directory").name("policy-directory");
        // The ledger's own operator (a keyed broadcast one) writes its heap-cached state back before barriers.
        SingleOutputStreamOperator<AlertTransition> alerts = withPolicyChanges
                .keyBy(CustomerEvent::customerId)
                .connect(streams.policies().broadcast())
                .transform("ledger", TypeInformation.of(AlertTransition.class),
                        new LedgerOperator(new LedgerFunction(settings)))
                .uid("ledger").name("ledger");
        DataStream<CustomerSnapshot> customers = alerts.getSideOutput(LedgerFunction.SNAPSHOTS)
                .keyBy(CustomerSnapshot::customerId)
                .process(new LatestSnapshotPerCustomer(settings.customerFlushInterval()))
                .uid("latest-snapshot-per-customer").name("latest-snapshot-per-customer");

        DataStream<KpiSnapshot> kpis = settings.kpis().enabled()
                ? alerts.getSideOutput(LedgerFunction.KPI_DELTAS)
                        .keyBy(KpiDelta::scopeKey)
                        .process(new KpiScopeFunction(settings.kpis(), settings.horizon()))
                        .uid("kpi-scopes").name("kpi-scopes")
                : null;

        DataStream<DisputeSnapshot> disputes = alerts.getSideOutput(LedgerFunction.DISPUTES);
        DataStream<DeadLetter> deadLetters = streams.deadLetters().union(alerts.getSideOutput(LedgerFunction.REFUSED));
        sinkAll(deadLetters, sinks.deadLetters());
        sinkAll(alerts, sinks.alerts());
        sinkAll(customers, sinks.customers());
        sinkAll(disputes, sinks.disputes());
        if (kpis != null) {
            sinkAll(kpis, sinks.kpis());
        }
        return new Outputs(alerts, customers, disputes, kpis, deadLetters);
    }

    private static <T> void sinkAll(DataStream<T> stream, List<NamedSink<T>> sinks) {
        for (NamedSink<T> sink : sinks) {
            stream.sinkTo(sink.sink()).uid("sink-" + sink.name()).name("sink-" + sink.name());
        }
    }
}
