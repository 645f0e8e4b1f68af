package io.arrears.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arrears.config.ArrearsConfig;
import io.arrears.config.ArrearsOptions;
import io.arrears.dashboards.GrafanaDashboards.Aggregation;
import io.arrears.dashboards.GrafanaDashboards.Panel;
import io.arrears.dashboards.GrafanaDashboards.Target;
import io.arrears.dashboards.GrafanaDashboards.Variable;
import io.arrears.generator.HistoryGenerator;
import io.arrears.io.elasticsearch.IndexTemplates;
import io.arrears.io.files.EventFileWriter;
import io.arrears.pipeline.CollectionsSinks;
import io.arrears.replay.Replay;
import io.arrears.testing.ElasticsearchTestClient;
import io.arrears.testing.RealServices;

/**
 * The dashboards read what the job writes: every field a panel names exists in the index mappings with a type its
 * aggregation can use, and every panel's query finds data in a real Elasticsearch filled by a replay.
 */
class DashboardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NUMERIC = Set.of("long", "integer", "short", "double", "float", "scaled_float");
    private static final Set<String> TERMS = Set.of("keyword", "boolean", "integer", "long");
    private static final Set<String> NUMERIC_METRICS = Set.of("avg", "sum", "max", "min", "percentiles",
            "extended_stats", "moving_avg");

    private final GrafanaDashboards dashboards = GrafanaDashboards.load();

    /** index name (as the datasources name it) -> field path -> mapping type, from the job's own templates. */
    private static final Map<String, Map<String, String>> MAPPINGS = Map.of(
            ArrearsOptions.INDEX_ALERTS.defaultValue(), fields(IndexTemplates.alerts("a").mappings()),
            ArrearsOptions.INDEX_CUSTOMERS.defaultValue(), fields(IndexTemplates.customers("c").mappings()),
            ArrearsOptions.INDEX_KPIS.defaultValue(), fields(IndexTemplates.kpis("k").mappings()),
            ArrearsOptions.INDEX_DISPUTES.defaultValue(), fields(IndexTemplates.disputes("d").mappings()));

    @Test
    void fourDashboardsOnTheFourIndices() {
        assertThat(dashboards.dashboardFiles()).containsExactly("arrears-customer.json", "arrears-disputes.json",
                "arrears-portfolio.json", "arrears-worklist.json");
        assertThat(dashboards.dataSources().values()).hasSize(MAPPINGS.size()).allSatisfy(source -> {
            assertThat(MAPPINGS).as("index of datasource %s", source.uid()).containsKey(source.index());
            assertThat(MAPPINGS.get(source.index()).get(source.timeField())).as(source.timeField()).isEqualTo("date");
        });
    }

    @Test
    void everyPanelSaysWhatItShowsAndInWhichUnit() {
        assertThat(dashboards.panels()).allSatisfy(panel -> {
            assertThat(panel.description()).as("description of %s", panel).isNotBlank();
            if (!panel.type().equals("table")) {
                assertThat(panel.unit()).as("unit of %s", panel).isNotBlank();
            }
        });
    }

    @Test
    void everyFieldAPanelNamesExistsWithATypeItsAggregationCanUse() {
        for (Panel panel : dashboards.panels()) {
            for (Target target : panel.targets()) {
                Map<String, String> mapping = MAPPINGS.get(target.dataSource().index());
                String where = panel + " (" + target.refId() + ")";
                assertThat(mapping.get(target.timeField())).as("time field of %s", where).isEqualTo("date");
                for (String field : target.queryFields()) {
                    assertThat(mapping).as("query field of %s", where).containsKey(field);
                }
                for (Aggregation metric : target.metrics()) {
                    if (NUMERIC_METRICS.contains(metric.type())) {
                        assertThat(NUMERIC).as("%s of %s in %s", metric.type(), metric.field(), where)
                                .contains(mapping.get(metric.field()));
                    } else {
                        assertThat(metric.type()).as("metric of %s", where).isIn("count", "raw_data");
                    }
                }
                for (Aggregation bucket : target.buckets()) {
                    Set<String> fits = bucket.type().equals("date_histogram") ? Set.of("date") : TERMS;
                    assertThat(fits).as("%s on %s in %s", bucket.type(), bucket.field(), where)
                            .contains(mapping.get(bucket.field()));
                }
                for (String field : panel.shownFields()) {
                    assertThat(mapping).as("column of %s", where).containsKey(field);
                }
                if (!panel.fieldsPattern().isEmpty()) {
                    assertThat(mapping.keySet()).as("fields %s of %s", panel.fieldsPattern(), where)
                            .anyMatch(field -> field.matches(panel.fieldsPattern()));
                }
            }
        }
        for (Variable variable : dashboards.variables()) {
            assertThat(MAPPINGS.get(variable.dataSource().index()).get(variable.field()))
                    .as("variable $%s of %s", variable.name(), variable.dashboard()).isEqualTo("keyword");
        }
    }

    @Test
    void everyPanelQueryFindsDataInElasticsearchFilledByAReplay(@TempDir Path dir) throws Exception {
        ArrearsConfig config = RealServices.freshTopicsAndIndices("dashboards", Map.of(
                "kpi.interval", "1 d", "sink.customer-flush-interval", "1 s"));
        Instant end = Instant.parse("2026-06-01T00:00:00Z");
        Instant start = end.minus(Duration.ofDays(150));
        Path events = dir.resolve("history.jsonl");
        try (EventFileWriter writer = new EventFileWriter(events)) {
            new HistoryGenerator(7, 80, start, end, 0).generate(writer);
        }
        // An as-of at which every kind of alert a panel lists has open ones (at the end, all disputes are settled).
        Instant asOf = Instant.parse("2026-05-10T00:00:00Z");
        new Replay(config, 2, System.err).runInto(events, asOf, CollectionsSinks.elasticsearch(config));

        Map<String, String> indices = Map.of(
                ArrearsOptions.INDEX_ALERTS.defaultValue(), config.get(ArrearsOptions.INDEX_ALERTS),
                ArrearsOptions.INDEX_CUSTOMERS.defaultValue(), config.get(ArrearsOptions.INDEX_CUSTOMERS),
                ArrearsOptions.INDEX_KPIS.defaultValue(), config.get(ArrearsOptions.INDEX_KPIS),
                ArrearsOptions.INDEX_DISPUTES.defaultValue(), config.get(ArrearsOptions.INDEX_DISPUTES));
        Elasticsearch elasticsearch = new Elasticsearch(config, indices, start, asOf);
        elasticsearch.refresh();

        Map<String, List<String>> options = new HashMap<>();
        for (Variable variable : dashboards.variables()) {
            List<String> values = elasticsearch.terms(variable);
            assertThat(values).as("values of $%s on %s", variable.name(), variable.dashboard()).isNotEmpty();
            options.put(variable.dashboard() + "/" + variable.name(), values);
        }
        List<String> empty = new ArrayList<>();
        for (Panel panel : dashboards.panels()) {
            for (Target target : panel.targets()) {
                if (!findsData(elasticsearch, panel, target, options)) {
                    empty.add(panel + " (" + target.refId() + "): " + target.query());
                }
            }
        }
        assertThat(empty).as("panel queries without data").isEmpty();
    }

    /**
     * Multi-value variables take every value, as "All" does in Grafana; a single-value variable (one collector,
     * one customer) is tried value by value until one shows data, as a user picking from its list would.
     */
    private boolean findsData(Elasticsearch elasticsearch, Panel panel, Target target,
                              Map<String, List<String>> options) throws Exception {
        List<Map<String, String>> substitutions = new ArrayList<>();
        substitutions.add(new LinkedHashMap<>());
        for (String name : target.variables()) {
            Variable variable = dashboards.variable(panel.dashboard(), name);
            List<String> values = options.get(panel.dashboard() + "/" + name);
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> substitution : substitutions) {
                if (variable.multi()) {
                    next.add(with(substitution, name, values.stream().map(DashboardsTest::quoted)
                            .collect(Collectors.joining(" OR ", "(", ")"))));
                } else {
                    values.forEach(value -> next.add(with(substitution, name, quoted(value))));
                }
            }
            substitutions = next;
        }
        for (Map<String, String> substitution : substitutions) {
            String query = target.query();
            for (Map.Entry<String, String> variable : substitution.entrySet()) {
                query = query.replace("\"$" + variable.getKey() + "\"", variable.getValue())
                        .replace("$" + variable.getKey(), variable.getValue());
            }
            if (elasticsearch.findsData(target, query, panel)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Map<String, String> fields(JsonNode mappings) {
        Map<String, String> fields = new LinkedHashMap<>();
        collect("", mappings.get("properties"), fields);
        return fields;
    }

    private static void collect(String prefix, JsonNode properties, Map<String, String> fields) {
        properties.fields().forEachRemaining(entry -> {
            JsonNode field = entry.getValue();
            if (field.has("properties")) {
                collect(prefix + entry.getKey() + ".", field.get("properties"), fields);
            } else {
                fields.put(prefix + entry.getKey(), field.get("type").asText());
            }
        });
    }

    /** Runs a panel's query the way Grafana's Elasticsearch datasource does: Lucene query, time range, aggregations. */
    private record Elasticsearch(ArrearsConfig config, Map<String, String> indices, Instant from, Instant to) {

        void refresh() throws Exception {
            for (String index : indices.values()) {
                send("/" + index + "/_refresh", null);
            }
        }

        List<String> terms(Variable variable) throws Exception {
            ObjectNode search = search(variable.query(), variable.dataSource().timeField());
            search.put("size", 0);
            search.putObject("aggs").putObject("values").putObject("terms").put("field", variable.field())
                    .put("size", 500);
            JsonNode result = send("/" + indices.get(variable.dataSource().index()) + "/_search", search);
            List<String> values = new ArrayList<>();
            result.at("/aggregations/values/buckets").forEach(bucket -> values.add(bucket.get("key").asText()));
            return values;
        }

        /** Hits, and for aggregations at least one value; for raw documents, every field the panel shows. */
        boolean findsData(Target target, String query, Panel panel) throws Exception {
            ObjectNode search = search(query, target.timeField());
            if (target.raw()) {
                search.put("size", 500);
            } else {
                search.put("size", 0);
                ObjectNode level = search;
                for (Aggregation bucket : target.buckets()) {
                    ObjectNode aggregation = level.putObject("aggs").putObject("b");
                    if (bucket.type().equals("date_histogram")) {
                        aggregation.putObject("date_histogram").put("field", bucket.field()).put("fixed_interval", "1d");
                    } else {
                        aggregation.putObject(bucket.type()).put("field", bucket.field()).put("size", 20);
                    }
                    level = aggregation;
                }
                ObjectNode metrics = level.putObject("aggs");
                for (Aggregation metric : target.metrics()) {
                    if (metric.field() != null) {
                        metrics.putObject(metric.field()).putObject(metric.type()).put("field", metric.field());
                    }
                }
            }
            JsonNode result = send("/" + indices.get(target.dataSource().index()) + "/_search", search);
            if (result.at("/hits/total/value").asLong() == 0) {
                return false;
            }
            if (target.raw()) {
                return showsFields(result.at("/hits/hits"), panel);
            }
            return target.metrics().stream().allMatch(m -> m.field() == null
                    || result.findValues(m.field()).stream().anyMatch(v -> v.hasNonNull("value")));
        }

        private static boolean showsFields(JsonNode hits, Panel panel) {
            Set<String> present = new java.util.HashSet<>();
            for (JsonNode hit : hits) {
                flatten("", hit.get("_source"), present);
            }
            boolean columns = present.containsAll(panel.shownFields());
            boolean pattern = panel.fieldsPattern().isEmpty()
                    || present.stream().anyMatch(field -> field.matches(panel.fieldsPattern()));
            return columns && pattern;
        }

        private static void flatten(String prefix, JsonNode node, Set<String> into) {
            node.fields().forEachRemaining(entry -> {
                if (entry.getValue().isObject()) {
                    flatten(prefix + entry.getKey() + ".", entry.getValue(), into);
                } else if (!entry.getValue().isNull()) {
                    into.add(prefix + entry.getKey());
                }
            });
        }

        private ObjectNode search(String query, String timeField) {
            ObjectNode search = JSON.createObjectNode();
            ArrayNode filter = search.putObject("query").putObject("bool").putArray("filter");
            filter.addObject().putObject("query_string").put("query", query).put("analyze_wildcard", true);
            filter.addObject().putObject("range").putObject(timeField).put("gte", from.toString())
                    .put("lte", to.toString()).put("format", "strict_date_optional_time");
            return search;
        }

        private JsonNode send(String path, JsonNode body) throws Exception {
            return ElasticsearchTestClient.post(config, path, body == null ? null : body.toString());
        }
    }
}
