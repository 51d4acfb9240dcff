package dev.highwater.core.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.time.Instant;
import java.util.Map;

/** report.json: the report's facts as one object (its fields are described in the README). */
public final class ReportJson {

    private ReportJson() {
    }

    /**
     * @param charts the chart files beside the report, by name ("lag", "lagSeconds", "throughput")
     */
    public static String of(IncidentReport r, Map<String, String> charts) {
        JsonObject o = new JsonObject();
        JsonObject cluster = new JsonObject();
        cluster.addProperty("id", r.clusterId());
        cluster.addProperty("bootstrap", r.bootstrap());
        o.add("cluster", cluster);
        o.addProperty("group", r.group());
        o.add("from", time(r.from()));
        o.add("to", time(r.to()));
        o.add("madeAt", time(r.madeAt()));

        IncidentReport.Summary s = r.summary();
        JsonObject summary = new JsonObject();
        summary.addProperty("refreshes", s.refreshes());
        summary.addProperty("maxLag", s.maxLag());
        summary.add("maxLagAt", time(s.maxLagAt()));
        summary.addProperty("lagAtEnd", s.lagAtEnd());
        summary.addProperty("maxLagSeconds", s.maxLagSeconds());
        summary.addProperty("lagSecondsAtEnd", s.lagSecondsAtEnd());
        summary.addProperty("statusAtEnd", s.statusAtEnd());
        o.add("summary", summary);

        JsonArray changes = new JsonArray();
        for (IncidentReport.StatusChange c : r.statusChanges()) {
            JsonObject j = new JsonObject();
            j.add("at", time(c.at()));
            j.addProperty("from", c.from());
            j.addProperty("to", c.to());
            j.addProperty("reason", c.reason());
            changes.add(j);
        }
        o.add("statusChanges", changes);

        JsonArray series = new JsonArray();
        for (IncidentReport.SeriesPoint p : r.series()) {
            JsonObject j = new JsonObject();
            j.add("at", time(p.at()));
            j.addProperty("lag", p.lag());
            j.addProperty("lagSeconds", p.lagSeconds());
            j.addProperty("produceRate", p.produceRate());
            j.addProperty("consumeRate", p.consumeRate());
            series.add(j);
        }
        o.add("series", series);

        JsonArray hot = new JsonArray();
        for (IncidentReport.HotPartition h : r.hotPartitions()) {
            JsonObject j = new JsonObject();
            j.addProperty("topic", h.topic());
            j.addProperty("partition", h.partition());
            j.addProperty("refreshesHot", h.refreshesHot());
            j.add("firstHotAt", time(h.firstHotAt()));
            j.add("lastHotAt", time(h.lastHotAt()));
            j.addProperty("maxLag", h.maxLag());
            hot.add(j);
        }
        o.add("hotPartitions", hot);

        JsonArray keys = new JsonArray();
        for (IncidentReport.TopicKeys t : r.hotKeys()) {
            JsonObject j = new JsonObject();
            j.addProperty("topic", t.topic());
            j.addProperty("recordsRead", t.recordsRead());
            j.addProperty("complete", t.complete());
            JsonArray top = new JsonArray();
            for (IncidentReport.KeyShare k : t.keys()) {
                JsonObject kj = new JsonObject();
                kj.addProperty("key", k.noKey() ? null : k.key());
                kj.addProperty("count", k.count());
                kj.addProperty("share", k.share());
                JsonArray parts = new JsonArray();
                k.partitions().forEach(parts::add);
                kj.add("partitions", parts);
                kj.addProperty("hot", k.hot());
                top.add(kj);
            }
            j.add("keys", top);
            keys.add(j);
        }
        o.add("hotKeys", keys);

        JsonArray alerts = new JsonArray();
        for (IncidentReport.AlertSpan a : r.alerts()) {
            JsonObject j = new JsonObject();
            j.addProperty("key", a.key());
            j.addProperty("severity", a.severity());
            j.addProperty("message", a.message());
            j.add("raisedAt", time(a.raisedAt()));
            j.add("clearedAt", time(a.clearedAt()));
            alerts.add(j);
        }
        o.add("alerts", alerts);

        JsonArray resets = new JsonArray();
        for (IncidentReport.ResetDone d : r.resets()) {
            JsonObject j = new JsonObject();
            j.add("at", time(d.at()));
            j.addProperty("target", d.target());
            j.addProperty("moved", d.moved());
            j.addProperty("undoFile", d.undoFile().toString());
            resets.add(j);
        }
        o.add("resets", resets);

        JsonArray samples = new JsonArray();
        r.samples().forEach(json -> samples.add(JsonParser.parseString(json)));
        o.add("samples", samples);
        JsonArray redacted = new JsonArray();
        r.redacted().forEach(redacted::add);
        o.add("redactedFields", redacted);

        JsonObject chartFiles = new JsonObject();
        charts.forEach(chartFiles::addProperty);
        o.add("charts", chartFiles);
        JsonArray notes = new JsonArray();
        r.notes().forEach(notes::add);
        o.add("notes", notes);
        return new GsonBuilder().serializeNulls().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    private static JsonElement time(Instant at) {
        return at == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(at.toString());
    }
}
