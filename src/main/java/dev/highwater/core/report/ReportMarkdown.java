package dev.highwater.core.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import dev.highwater.core.lag.LagFormat;

import java.util.Map;
import java.util.stream.Collectors;

/** report.md: the report's facts for a person, with the charts beside it embedded as images. */
public final class ReportMarkdown {

    private ReportMarkdown() {
    }

    /** @param charts the chart files beside the report, by title, in the order shown */
    public static String of(IncidentReport r, Map<String, String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# Incident report: ").append(text(r.group())).append("\n\n");
        md.append("Cluster `").append(r.clusterId()).append("` (bootstrap `").append(r.bootstrap())
                .append("`), consumer group `").append(r.group()).append("`, from ").append(r.from())
                .append(" to ").append(r.to()).append(". Made ").append(r.madeAt())
                .append(". Times are UTC.\n\n");

        IncidentReport.Summary s = r.summary();
        md.append("## Summary\n\n| | |\n|---|---|\n");
        row(md, "Refreshes kept in the window", LagFormat.count(s.refreshes()));
        row(md, "Highest total lag", LagFormat.count(s.maxLag()) + " at " + s.maxLagAt());
        row(md, "Total lag at the end", LagFormat.count(s.lagAtEnd()));
        row(md, "Highest lag in seconds", LagFormat.seconds(s.maxLagSeconds()));
        row(md, "Lag in seconds at the end", LagFormat.seconds(s.lagSecondsAtEnd()));
        row(md, "Status at the end", s.statusAtEnd() == null ? LagFormat.UNKNOWN : s.statusAtEnd());
        md.append('\n');

        md.append("## Charts\n\n");
        charts.forEach((title, file) -> md.append("![").append(title).append("](").append(file).append(")\n\n"));

        md.append("## Status changes\n\n");
        if (r.statusChanges().isEmpty()) {
            md.append("No status could be replayed from the history.\n\n");
        } else {
            md.append("| At | From | To | Why |\n|---|---|---|---|\n");
            for (IncidentReport.StatusChange c : r.statusChanges()) {
                cells(md, c.at().toString(), c.from() == null ? "(start)" : c.from(), "**" + c.to() + "**",
                        c.reason());
            }
            md.append('\n');
        }

        md.append("## Hot partitions\n\n");
        if (r.hotPartitions().isEmpty()) {
            md.append("No partition was hot (lag far above the group's average) in the window.\n\n");
        } else {
            md.append("| Partition | Hot at refreshes | First hot | Last hot | Highest lag |\n|---|--:|---|---|--:|\n");
            for (IncidentReport.HotPartition h : r.hotPartitions()) {
                cells(md, h.topic() + "-" + h.partition(), LagFormat.count(h.refreshesHot()) + " of "
                                + LagFormat.count(s.refreshes()), h.firstHotAt().toString(), h.lastHotAt().toString(),
                        LagFormat.count(h.maxLag()));
            }
            md.append('\n');
        }

        md.append("## Hot keys\n\n");
        if (r.hotKeys().isEmpty()) {
            md.append("The window's records were not read.\n\n");
        }
        for (IncidentReport.TopicKeys t : r.hotKeys()) {
            md.append("### ").append(text(t.topic())).append("\n\n")
                    .append(LagFormat.count(t.recordsRead())).append(" records in the window")
                    .append(t.complete() ? "" : " (counting stopped there)").append(".\n\n");
            if (t.keys().isEmpty()) {
                continue;
            }
            md.append("| Key | Records | Share | Partitions | Hot |\n|---|--:|--:|---|---|\n");
            for (IncidentReport.KeyShare k : t.keys()) {
                cells(md, k.noKey() ? "(no key)" : "`" + k.key() + "`", LagFormat.count(k.count()),
                        LagFormat.share(k.share()),
                        k.partitions().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                        k.hot() ? "**hot**" : "");
            }
            md.append('\n');
        }

        md.append("## Alerts\n\n");
        if (r.alerts().isEmpty()) {
            md.append("No alert was active in the window.\n\n");
        } else {
            md.append("| Raised | Cleared | Severity | Alert |\n|---|---|---|---|\n");
            for (IncidentReport.AlertSpan a : r.alerts()) {
                cells(md, a.raisedAt().toString(), a.clearedAt() == null ? "still active" : a.clearedAt().toString(),
                        a.severity(), a.message());
            }
            md.append('\n');
        }

        md.append("## Offset resets\n\n");
        if (r.resets().isEmpty()) {
            md.append("No reset of the group was executed from Highwater in the window.\n\n");
        } else {
            md.append("| At | To | Partitions moved | Undo file |\n|---|---|--:|---|\n");
            for (IncidentReport.ResetDone d : r.resets()) {
                cells(md, d.at().toString(), d.target(), LagFormat.count(d.moved()), "`" + d.undoFile() + "`");
            }
            md.append("\nAn undo file puts the offsets back: `highwater reset-offsets --from-file FILE`, or"
                    + " `kafka-consumer-groups --reset-offsets --from-file FILE`.\n\n");
        }

        md.append("## Sample records\n\n");
        if (r.samples().isEmpty()) {
            md.append("No record of the window was read.\n\n");
        } else {
            md.append("The first ").append(r.samples().size()).append(" records of the window, as `highwater tail"
                    + " --format json` prints them, with their headers. Values of fields that look secret");
            md.append(r.redacted().isEmpty() ? "" : " and of " + r.redacted().stream().map(f -> "`" + f + "`")
                    .collect(Collectors.joining(", ")));
            md.append(" are replaced by `").append(SecretFields.MASK).append("`.\n\n");
            var gson = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();
            for (String json : r.samples()) {
                md.append("```json\n").append(gson.toJson(JsonParser.parseString(json))).append("\n```\n\n");
            }
        }
        if (!r.notes().isEmpty()) {
            md.append("## Notes\n\n");
            r.notes().forEach(n -> md.append("- ").append(text(n)).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String value) {
        cells(md, name, value);
    }

    private static void cells(StringBuilder md, String... cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(cell(c)).append(" |");
        }
        md.append('\n');
    }

    /** A table cell keeps to its row: pipes escaped, line breaks as spaces. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /** Text outside tables: Markdown's markup characters a name may hold are escaped. */
    private static String text(String s) {
        return s.replace("*", "\\*").replace("_", "\\_").replace("#", "\\#");
    }
}
