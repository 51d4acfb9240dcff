package dev.highwater.monitoring;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Grafana dashboard shipped with the lag service, read as Grafana would import it. */
record GrafanaDashboard(JsonObject json) {

    static final Path FILE = Path.of("monitoring/grafana/highwater-lag.json");

    /** One query of a panel. */
    record Query(String panel, String refId, String expr, boolean instant) {

        /**
         * The expression as Grafana sends it, with the dashboard's variables set to these values and
         * {@code $__rate_interval} to a minute.
         */
        String substituted(String cluster, String group) {
            return expr.replace("$__rate_interval", "1m").replace("${cluster}", cluster).replace("$cluster", cluster)
                    .replace("${group}", group).replace("$group", group);
        }
    }

    static GrafanaDashboard read() throws IOException {
        try (Reader reader = Files.newBufferedReader(FILE)) {
            return new GrafanaDashboard(JsonParser.parseReader(reader).getAsJsonObject());
        }
    }

    List<JsonObject> panels() {
        List<JsonObject> panels = new ArrayList<>();
        for (JsonElement panel : json.getAsJsonArray("panels")) {
            panels.add(panel.getAsJsonObject());
            if (panel.getAsJsonObject().has("panels")) { // a collapsed row holds its panels
                panel.getAsJsonObject().getAsJsonArray("panels").forEach(p -> panels.add(p.getAsJsonObject()));
            }
        }
        return panels;
    }

    JsonObject panel(String title) {
        return panels().stream().filter(p -> p.get("title").getAsString().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no panel titled " + title));
    }

    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonObject panel : panels()) {
            if (!panel.has("targets")) {
                continue;
            }
            for (JsonElement t : panel.getAsJsonArray("targets")) {
                JsonObject target = t.getAsJsonObject();
                queries.add(new Query(panel.get("title").getAsString(), target.get("refId").getAsString(),
                        target.get("expr").getAsString(),
                        target.has("instant") && target.get("instant").getAsBoolean()));
            }
        }
        return queries;
    }

    List<JsonObject> variables() {
        List<JsonObject> variables = new ArrayList<>();
        json.getAsJsonObject("templating").getAsJsonArray("list").forEach(v -> variables.add(v.getAsJsonObject()));
        return variables;
    }

    JsonObject variable(String name) {
        return variables().stream().filter(v -> v.get("name").getAsString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no variable named " + name));
    }

    /** A query variable's PromQL, as Grafana 10 and 11 store it (an object) or older ones did (a string). */
    static String variableQuery(JsonObject variable) {
        JsonElement query = variable.get("query");
        return query.isJsonObject() ? query.getAsJsonObject().get("query").getAsString() : query.getAsString();
    }
}
