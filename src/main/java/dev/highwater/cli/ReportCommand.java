package dev.highwater.cli;

import dev.highwater.app.Adapters;
import dev.highwater.app.Wiring;
import dev.highwater.core.StoreException;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.ClusterCheck;
import dev.highwater.core.lag.LagHistoryStore;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.report.IncidentReport;
import dev.highwater.core.report.IncidentReportBuilder;
import dev.highwater.core.report.RedactSetting;
import dev.highwater.core.report.ReportException;
import dev.highwater.core.report.ReportFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** An incident report of a group over a window, from the lag history the console kept; headless. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
                "Writes an incident report of a consumer group over a window to a folder: report.md (Markdown with",
                "charts), report.json (the same facts), lag.png, lag-seconds.png and throughput.png. Status changes,",
                "hot partitions and alerts are replayed from the lag history the console kept in the data folder",
                "(HIGHWATER_HOME or ~/.highwater); hot keys and a few sample records come from the window's records,",
                "decoded as tail decodes them, with secret-looking and --redact fields shown as ***. Resets executed",
                "from Highwater in the window are listed with their undo files. Reads only: never joins a group."})
public final class ReportCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    @CommandLine.Mixin
    ClusterOptions cluster;

    @CommandLine.Mixin
    VerboseOption verbose;

    @CommandLine.Mixin
    SchemaOptions schemas;

    @Option(names = "--group", required = true, paramLabel = "G", description = "the consumer group")
    String group;

    @Option(names = "--from", required = true, paramLabel = "ISO", description = "the window's start, an ISO-8601 instant such as 2026-03-15T09:00:00Z")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ISO", description = "the window's end, an ISO-8601 instant")
    String to;

    @Option(names = "--out", paramLabel = "DIR", description = "the folder to write (made if missing; default incident-GROUP-START in the current folder)")
    Path out;

    @Option(names = "--redact", paramLabel = "FIELD", description = "also hide this field's values in the sample records (repeatable; beside the console's setting)")
    List<String> redact = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the data folder whose lag history to read (default: HIGHWATER_HOME or ~/.highwater)")
    Path dataDir;

    @CommandLine.ParentCommand
    HighwaterCommand top;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Instant start = instant("--from", from);
        Instant end = instant("--to", to);
        if (!start.isBefore(end)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from (" + start
                    + ") must come before --to (" + end + ")");
        }
        Adapters adapters = top.adapters();
        Path data = dataDir != null ? dataDir : Wiring.userDataFolder();
        Set<String> hidden = new LinkedHashSet<>(redact);
        hidden.addAll(new RedactSetting(data.resolve("settings.properties")).fields());
        ClientSettings settings = cluster.settings();
        ClusterCheck.Result probe = adapters.probe().probe(settings, ClusterOptions.PROBE_TIMEOUT);
        if (!probe.reachable()) {
            throw new CommandFailure(probe.problem());
        }
        IncidentReport report;
        try (LagHistoryStore history = openHistory(adapters, data);
             SchemaOptions.Decoding decoding = schemas.decoding(adapters, spec.commandLine().getErr())) {
            IncidentReportBuilder builder = new IncidentReportBuilder(new IncidentReportBuilder.Sources(
                    (g, fromMillis) -> history == null ? List.of()
                            : history.since(probe.clusterId(), g, fromMillis), adapters.resets(data),
                    adapters.tails().on(settings), decoding.decoder(), decoding.types()),
                    LagSettings.defaults(), Clock.systemUTC());
            report = builder.build(new IncidentReportBuilder.Request(probe.clusterId(), cluster.bootstrap(), group,
                    start, end, List.copyOf(hidden)));
        } catch (ReportException e) {
            throw new CommandFailure(e.getMessage());
        }
        Path folder = out != null ? out : Path.of("incident-" + group.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + STAMP.format(start));
        Path written;
        try {
            written = ReportFolder.write(report, adapters.reportCharts(), folder);
        } catch (ReportException e) {
            throw new CommandFailure(e.getMessage());
        }
        var w = spec.commandLine().getOut();
        w.println("Wrote the incident report of " + group + " (" + report.summary().refreshes()
                + " refreshes from " + start + " to " + end + ") to " + written + ": "
                + String.join(", ", ReportFolder.FILES));
        w.flush();
        return 0;
    }

    /** The stored lag history, or null when none was ever kept in that folder (the report then says so). */
    private LagHistoryStore openHistory(Adapters adapters, Path data) {
        try {
            return adapters.lagHistory(data).orElse(null);
        } catch (StoreException e) {
            throw new CommandFailure(e.getMessage() + " (or export the report from the console's Partitions screen)");
        }
    }

    private Instant instant(String option, String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " '" + text
                    + "' is not an ISO-8601 instant such as 2026-03-15T09:00:00Z");
        }
    }
}
