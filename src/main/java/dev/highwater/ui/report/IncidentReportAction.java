package dev.highwater.ui.report;

import dev.highwater.app.Composition;
import dev.highwater.core.decode.DecoderChoice;
import dev.highwater.core.decode.FilteredDecoder;
import dev.highwater.core.decode.TypeSet;
import dev.highwater.core.decode.WriterSchemas;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.report.IncidentReport;
import dev.highwater.core.report.IncidentReportBuilder;
import dev.highwater.core.report.RedactSetting;
import dev.highwater.core.report.ReportException;
import dev.highwater.core.report.ReportFolder;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.shell.LiveConnection;
import javafx.stage.Window;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * "Export incident report…" for a group of the connected cluster: the lag history the connection's watcher keeps,
 * the resets of the data folder, the cluster's records decoded as the Messages screen decodes them (the built-in
 * and loaded types, the profile's schema registry), charts drawn off screen.
 */
public final class IncidentReportAction {

    private IncidentReportAction() {
    }

    /** Opens the export dialog of a group over a window. */
    public static BiConsumer<String, Window> of(LiveConnection c, Composition app, UiThread ui) {
        String where = c.profile().name() + " (" + c.kafka().bootstrapServers() + ")";
        RedactSetting setting = new RedactSetting(app.dataFolder().resolve("settings.properties"));
        return (group, window) -> app.tasks().run(() -> {
            List<String> fields = setting.fields(); // a file: read off the UI thread
            ui.post(() -> new IncidentReportView(new IncidentReportModel(group, export(c, app), setting, fields,
                    app.tasks()::run, ui, Clock.systemUTC()), where, window).show());
        });
    }

    private static IncidentReportModel.Export export(LiveConnection c, Composition app) {
        return (group, from, to, redact, folder) -> {
            String clusterId = c.lag().clusterId();
            if (clusterId == null) {
                throw new ReportException("The cluster has not answered yet, so its history cannot be found; try"
                        + " again once the Partitions screen shows figures.");
            }
            try (SchemaRegistry registry = c.borrowedRegistry()) {
                TypeSet types = TypeSet.of(app.schemas());
                FilteredDecoder decoder = new FilteredDecoder(types, DecoderChoice.AUTO, DecoderChoice.AUTO, Map.of(),
                        WriterSchemas.of(registry, Map.of()));
                IncidentReportBuilder builder = new IncidentReportBuilder(new IncidentReportBuilder.Sources(
                        c.lag()::storedSince, app.adapters().resets(app.dataFolder()),
                        app.adapters().tails().on(c.kafka()), decoder, types), LagSettings.defaults(),
                        Clock.systemUTC());
                IncidentReport report = builder.build(new IncidentReportBuilder.Request(clusterId,
                        c.kafka().bootstrapServers(), group, from, to, redact));
                return ReportFolder.write(report, app.adapters().reportCharts(), folder);
            }
        };
    }
}
