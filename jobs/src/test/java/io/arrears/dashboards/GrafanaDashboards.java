package io.arrears.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The provisioned Grafana dashboards of this repository as the tests need them: which index each query reads,
 * its Lucene query, its aggregations and the document fields its panel shows.
 */
final class GrafanaDashboards {

    static final Path ROOT = Path.of("..", "dashboards");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern QUERY_FIELD = Pattern.compile("([A-Za-z][A-Za-z0-9_.]*):");
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_]+)");

    record DataSource(String uid, String index, String timeField) {
    }

    record Aggregation(String type, String field) {
    }

    record Target(String refId, DataSource dataSource, String query, String timeField, List<Aggregation> metrics,
                  List<Aggregation> buckets) {

        boolean raw() {
            return metrics.stream().anyMatch(m -> m.type().equals("raw_data"));
        }

        Set<String> queryFields() {
            Set<String> fields = new LinkedHashSet<>();
            Matcher matcher = QUERY_FIELD.matcher(query);
            while (matcher.find()) {
                fields.add(matcher.group(1));
            }
            return fields;
        }

        Set<String> variables() {
            Set<String> names = new LinkedHashSet<>();
            Matcher matcher = VARIABLE.matcher(query);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }
    }

    /**
     * @param shownFields document fields the panel picks from raw documents by name (table columns, sort keys)
     * @param fieldsPattern the regular expression a stat or gauge panel selects raw-document fields with
     */
    record Panel(String dashboard, String title, String type, String description, String unit,
                 List<Target> targets, Set<String> shownFields, String fieldsPattern) {

        @Override
        public String toString() {
            return dashboard + " / " + title;
        }
    }

    record Variable(String dashboard, String name, DataSource dataSource, String field, String query,
                    boolean multi, boolean includeAll) {
    }

    private final Map<String, DataSource> dataSources = new LinkedHashMap<>();
    private final List<Panel> panels = new ArrayList<>();
    private final List<Variable> variables = new ArrayList<>();
    private final List<String> dashboardFiles = new ArrayList<>();

    static GrafanaDashboards load() {
        try {
            return new GrafanaDashboards();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GrafanaDashboards() throws IOException {
        JsonNode provisioned = YAML.readTree(ROOT.resolve("provisioning/datasources/arrears.yml").toFile());
        for (JsonNode source : provisioned.get("datasources")) {
            dataSources.put(source.get("uid").asText(), new DataSource(source.get("uid").asText(),
                    source.at("/jsonData/index").asText(), source.at("/jsonData/timeField").asText()));
        }
        try (Stream<Path> files = Files.list(ROOT.resolve("json"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboardFiles.add(file.getFileName().toString());
                read(JSON.readTree(file.toFile()));
            }
        }
    }

    private void read(JsonNode dashboard) {
        String title = dashboard.get("title").asText();
        for (JsonNode variable : dashboard.at("/templating/list")) {
            JsonNode query = parse(variable.get("query").asText());
            variables.add(new Variable(title, variable.get("name").asText(), dataSource(variable.get("datasource")),
                    query.path("field").asText(), query.path("query").asText("*"),
                    variable.path("multi").asBoolean(), variable.path("includeAll").asBoolean()));
        }
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            List<Target> targets = new ArrayList<>();
            for (JsonNode target : panel.get("targets")) {
                DataSource source = dataSource(target.get("datasource"));
                targets.add(new Target(target.get("refId").asText(), source, target.path("query").asText("*"),
                        target.path("timeField").asText(), aggregations(target.get("metrics")),
                        aggregations(target.get("bucketAggs"))));
            }
            Set<String> shown = new LinkedHashSet<>();
            for (JsonNode transformation : panel.path("transformations")) {
                transformation.at("/options/indexByName").fieldNames().forEachRemaining(shown::add);
                transformation.at("/options/sort").forEach(sort -> shown.add(sort.get("field").asText()));
            }
            String pattern = panel.at("/options/reduceOptions/fields").asText("");
            panels.add(new Panel(title, panel.get("title").asText(), panel.get("type").asText(),
                    panel.path("description").asText(""), panel.at("/fieldConfig/defaults/unit").asText(""),
                    targets, shown, pattern.length() > 2 ? pattern.substring(1, pattern.length() - 1) : ""));
        }
    }

    private DataSource dataSource(JsonNode reference) {
        DataSource source = dataSources.get(reference.get("uid").asText());
        if (source == null) {
            throw new IllegalStateException("a dashboard names datasource " + reference
                    + ", which provisioning/datasources/arrears.yml does not provide");
        }
        return source;
    }

    private static List<Aggregation> aggregations(JsonNode list) {
        List<Aggregation> aggregations = new ArrayList<>();
        for (JsonNode aggregation : list) {
            aggregations.add(new Aggregation(aggregation.get("type").asText(),
                    aggregation.hasNonNull("field") ? aggregation.get("field").asText() : null));
        }
        return aggregations;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("variable query is not JSON: " + json, e);
        }
    }

    Map<String, DataSource> dataSources() {
        return dataSources;
    }

    List<Panel> panels() {
        return panels;
    }

    List<Variable> variables() {
        return variables;
    }

    List<String> dashboardFiles() {
        return dashboardFiles;
    }

    Variable variable(String dashboard, String name) {
        return variables.stream().filter(v -> v.dashboard().equals(dashboard) && v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(dashboard + " uses $" + name + " without defining it"));
    }
}
