package dev.highwater.monitoring;

import com.google.gson.JsonObject;
import dev.highwater.metrics.LagMetricNames;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana dashboard shipped with the lag service: what a team gets when it imports it (a data source to
 * choose, the cluster and group pickers, lag in seconds first), and queries that read only what the service
 * exposes. That Prometheus accepts each query is checked against a real server in {@link PrometheusScrapesServeTest}.
 */
class GrafanaDashboardTest {

    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((\\w+)(\\{[^}]*})?,\\s*(\\w+)\\)$");

    @Test
    void importAsksForAPrometheusDataSourceAndEveryQueryUsesIt() throws Exception {
        GrafanaDashboard dashboard = GrafanaDashboard.read();
        JsonObject datasource = dashboard.variable("datasource");
        assertEquals("datasource", datasource.get("type").getAsString());
        assertEquals("prometheus", datasource.get("query").getAsString());
        // a fixed uid would tie the dashboard to the author's Grafana: every panel and variable goes through the choice
        for (JsonObject panel : dashboard.panels()) {
            if (panel.has("targets")) {
                assertEquals("${datasource}", panel.getAsJsonObject("datasource").get("uid").getAsString(),
                        panel.get("title").getAsString());
                panel.getAsJsonArray("targets").forEach(t -> assertEquals("${datasource}",
                        t.getAsJsonObject().getAsJsonObject("datasource").get("uid").getAsString()));
            }
        }
        assertTrue(dashboard.json().get("id").isJsonNull(), "an id belongs to one Grafana's database");
        assertFalse(dashboard.json().get("uid").getAsString().isBlank());
        assertTrue(dashboard.json().get("schemaVersion").getAsInt() >= 36, "Grafana 10 and 11's schema");
    }

    @Test
    void clusterAndGroupArePickedFromTheServicesLabels() throws Exception {
        GrafanaDashboard dashboard = GrafanaDashboard.read();
        for (String name : List.of(LagMetricNames.CLUSTER, LagMetricNames.GROUP)) {
            JsonObject variable = dashboard.variable(name);
            assertEquals("query", variable.get("type").getAsString());
            assertEquals("${datasource}", variable.getAsJsonObject("datasource").get("uid").getAsString());
            Matcher m = LABEL_VALUES.matcher(GrafanaDashboard.variableQuery(variable));
            assertTrue(m.matches(), name + ": " + GrafanaDashboard.variableQuery(variable));
            assertTrue(PromQlNames.exposed().contains(m.group(1)), m.group(1));
            assertEquals(name, m.group(3));
        }
        assertTrue(GrafanaDashboard.variableQuery(dashboard.variable("group")).contains("cluster=~\"$cluster\""),
                "the groups offered are those of the chosen clusters");
    }

    @Test
    void everyQueryReadsOnlyTheServicesSeries() throws Exception {
        Set<String> read = new HashSet<>();
        for (GrafanaDashboard.Query q : GrafanaDashboard.read().queries()) {
            assertEquals(List.of(), PromQlNames.unknown(q.expr(), Set.of()), q.panel() + " " + q.refId() + ": " + q.expr());
            assertFalse(PromQlNames.read(q.expr()).isEmpty(), q.panel() + " reads no series: " + q.expr());
            assertTrue(q.expr().contains("cluster=~\"$cluster\""), q.panel() + " ignores the cluster picker: " + q.expr());
            read.addAll(PromQlNames.read(q.expr()));
        }
        assertTrue(read.containsAll(List.of(LagMetricNames.GROUP_LAG_SECONDS, LagMetricNames.GROUP_LAG,
                LagMetricNames.GROUP_STATUS, LagMetricNames.PARTITION_HOT, LagMetricNames.GROUP_PRODUCE_RATE,
                LagMetricNames.GROUP_CONSUME_RATE, LagMetricNames.GROUP_TIME_TO_DRAIN,
                LagMetricNames.PARTITION_LAG_SECONDS, LagMetricNames.REFRESH_DURATION,
                LagMetricNames.REFRESH_ERRORS + "_total")), read.toString());
    }

    @Test
    void lagInSecondsPerGroupIsTheHeadline() throws Exception {
        GrafanaDashboard dashboard = GrafanaDashboard.read();
        JsonObject headline = dashboard.panel("Lag in seconds per group");
        JsonObject grid = headline.getAsJsonObject("gridPos");
        assertEquals(0, grid.get("x").getAsInt());
        assertEquals(0, grid.get("y").getAsInt());
        assertEquals("s", headline.getAsJsonObject("fieldConfig").getAsJsonObject("defaults").get("unit").getAsString());
        String expr = headline.getAsJsonArray("targets").get(0).getAsJsonObject().get("expr").getAsString();
        assertEquals(Set.of(LagMetricNames.GROUP_LAG_SECONDS), PromQlNames.read(expr));
    }

    @Test
    void panelsDoNotOverlap() throws Exception {
        List<JsonObject> panels = GrafanaDashboard.read().panels();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < panels.size(); i++) {
            assertTrue(ids.add(panels.get(i).get("id").getAsInt()), "two panels with id " + panels.get(i).get("id"));
            for (int j = i + 1; j < panels.size(); j++) {
                assertFalse(overlap(panels.get(i).getAsJsonObject("gridPos"), panels.get(j).getAsJsonObject("gridPos")),
                        panels.get(i).get("title") + " overlaps " + panels.get(j).get("title"));
            }
        }
    }

    private static boolean overlap(JsonObject a, JsonObject b) {
        return a.get("x").getAsInt() < b.get("x").getAsInt() + b.get("w").getAsInt()
                && b.get("x").getAsInt() < a.get("x").getAsInt() + a.get("w").getAsInt()
                && a.get("y").getAsInt() < b.get("y").getAsInt() + b.get("h").getAsInt()
                && b.get("y").getAsInt() < a.get("y").getAsInt() + a.get("h").getAsInt();
    }
}
