package dev.highwater.ui.report;

import dev.highwater.core.report.RedactSetting;
import dev.highwater.ui.UiThread;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Exporting an incident report of one group: the window (the last hour unless changed), the fields to hide beside
 * those that look secret (remembered in the settings), then a folder; the report is made on the background
 * executor and the message says where it was saved, or why not.
 */
public final class IncidentReportModel {

    /** The window a report covers unless the user changes it. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(IncidentReportModel.class);

    /** Makes a report of the group over a window into a folder, off the UI thread; returns the folder written. */
    @FunctionalInterface
    public interface Export {
        /** @throws RuntimeException with one sentence when the report cannot be made */
        Path write(String group, Instant from, Instant to, List<String> redact, Path folder)
                throws InterruptedException;
    }

    private final String group;
    private final Export export;
    private final RedactSetting setting;
    private final Executor background;
    private final UiThread ui;

    // ---- Properties
    private final StringProperty from = new SimpleStringProperty();
    private final StringProperty to = new SimpleStringProperty();
    private final StringProperty redact = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper savedTo = new ReadOnlyStringWrapper();

    /** @param redactFields the configured fields, read from the setting beforehand (not on the UI thread) */
    public IncidentReportModel(String group, Export export, RedactSetting setting, List<String> redactFields,
                               Executor background, UiThread ui, Clock clock) {
        this.group = group;
        this.export = export;
        this.setting = setting;
        this.background = background;
        this.ui = ui;
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        from.set(now.minus(DEFAULT_WINDOW).toString());
        to.set(now.toString());
        redact.set(String.join(", ", redactFields));
    }

    // ---- Properties

    public String group() {
        return group;
    }

    /** The window's start as typed, an ISO-8601 instant. */
    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    /** Further fields to hide, separated by commas. */
    public StringProperty redactProperty() {
        return redact;
    }

    /** What is happening or happened, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The folder the last report was saved to, null until one was. */
    public ReadOnlyStringProperty savedToProperty() {
        return savedTo.getReadOnlyProperty();
    }

    // ---- Commands

    /** Whether the window is two instants in order; when not, the message says what is wrong. */
    public boolean checkWindow() {
        try {
            if (Instant.parse(from.get().strip()).isBefore(Instant.parse(to.get().strip()))) {
                return true;
            }
            message.set("The window's start must come before its end.");
        } catch (DateTimeParseException | NullPointerException e) {
            message.set("Give the window as ISO-8601 instants, such as 2026-03-15T09:00:00Z.");
        }
        return false;
    }

    /** Makes the report into a new folder inside {@code parent}, named after the group and the window's start. */
    public void export(Path parent) {
        if (!checkWindow()) {
            return;
        }
        Instant start = Instant.parse(from.get().strip());
        Instant end = Instant.parse(to.get().strip());
        List<String> fields = RedactSetting.parse(redact.get() == null ? "" : redact.get());
        String name = "incident-" + group.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + STAMP.format(start);
        busy.set(true);
        savedTo.set(null);
        message.set("Making the report: reading the history and the window's records…");
        background.execute(() -> {
            remember(fields);
            Path folder = free(parent, name);
            try {
                Path written = export.write(group, start, end, fields, folder);
                ui.post(() -> {
                    busy.set(false);
                    savedTo.set(written.toString());
                    message.set("Saved the incident report to " + written + " (report.md, report.json and the"
                            + " charts).");
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ui.post(() -> busy.set(false));
            } catch (RuntimeException e) {
                ui.post(() -> {
                    busy.set(false);
                    message.set("Not saved. " + e.getMessage());
                });
            }
        });
    }

    /** The folder of that name, or with "-2", "-3"… when an earlier export of the same window is there. */
    private static Path free(Path parent, String name) {
        Path folder = parent.resolve(name);
        for (int n = 2; Files.exists(folder); n++) {
            folder = parent.resolve(name + "-" + n);
        }
        return folder;
    }

    private void remember(List<String> fields) {
        try {
            setting.save(fields);
        } catch (IOException e) {
            log.warn("The fields to redact could not be remembered: {}", e.toString());
        }
    }
}
