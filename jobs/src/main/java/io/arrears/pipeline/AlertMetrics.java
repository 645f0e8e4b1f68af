package io.arrears.pipeline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

import io.arrears.ledger.AlertTransition;
import io.arrears.model.AlertStatus;
import io.arrears.model.AlertType;

/**
 * Metrics of the ledger, in the group {@code alertType} = the type: counters {@code opened} and
 * {@code resolved}, and the gauge {@code open}, the alerts of that type open now. The open counts live in
 * operator state, so they survive restarts; after a rescale the subtasks' gauges still add up to the total.
 */
final class AlertMetrics {

    static final ListStateDescriptor<String> OPEN_ALERTS = new ListStateDescriptor<>("open-alerts-by-type", Types.STRING);

    private final ListState<String> persisted;
    private final Map<AlertType, Long> open = new EnumMap<>(AlertType.class);
    private final Map<AlertType, Counter> opened = new EnumMap<>(AlertType.class);
    private final Map<AlertType, Counter> resolved = new EnumMap<>(AlertType.class);

    AlertMetrics(ListState<String> persisted) throws Exception {
        this.persisted = persisted;
        for (AlertType type : AlertType.values()) {
            open.put(type, 0L);
        }
        for (String entry : persisted.get()) {
            String[] typeAndCount = entry.split("=", 2);
            open.merge(AlertType.valueOf(typeAndCount[0]), Long.parseLong(typeAndCount[1]), Long::sum);
        }
    }

    void register(MetricGroup metrics) {
        for (AlertType type : AlertType.values()) {
            MetricGroup group = metrics.addGroup("alertType", type.name());
            opened.put(type, group.counter("opened"));
            resolved.put(type, group.counter("resolved"));
            group.gauge("open", (Gauge<Long>) () -> open.get(type));
        }
    }

    void count(AlertTransition transition) {
        boolean raised = transition.status() == AlertStatus.OPEN;
        (raised ? opened : resolved).get(transition.alertType()).inc();
        open.merge(transition.alertType(), raised ? 1L : -1L, Long::sum);
    }

    long open(AlertType type) {
        return open.get(type);
    }

    void snapshot() throws Exception {
        List<String> entries = new ArrayList<>();
        open.forEach((type, count) -> entries.add(type + "=" + count));
        persisted.update(entries);
    }
}
