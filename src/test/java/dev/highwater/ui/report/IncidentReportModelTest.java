package dev.highwater.ui.report;

import dev.highwater.core.report.RedactSetting;
import dev.highwater.core.report.ReportException;
import dev.highwater.ui.UiThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export dialog's model: the last hour by default, a window checked before asking, where it saved or why not. */
class IncidentReportModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-15T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private record Call(String group, Instant from, Instant to, List<String> redact, Path folder) {
    }

    private IncidentReportModel model(List<Call> calls, RuntimeException failure) {
        IncidentReportModel.Export export = (group, from, to, redact, folder) -> {
            calls.add(new Call(group, from, to, redact, folder));
            if (failure != null) {
                throw failure;
            }
            return folder;
        };
        return new IncidentReportModel("billing", export, new RedactSetting(dir.resolve("settings.properties")),
                List.of("iban"), Runnable::run, UiThread.direct(), CLOCK);
    }

    @Test
    void theLastHourIsTheWindowAndTheSavedFolderIsSaid() {
        List<Call> calls = new ArrayList<>();
        IncidentReportModel m = model(calls, null);
        assertEquals("2026-03-15T09:00:00Z", m.fromProperty().get());
        assertEquals("2026-03-15T10:00:00Z", m.toProperty().get());
        m.redactProperty().set("iban, email ,");
        m.export(dir);
        Call call = calls.getFirst();
        assertEquals(Instant.parse("2026-03-15T09:00:00Z"), call.from());
        assertEquals(List.of("iban", "email"), call.redact());
        assertEquals(dir.resolve("incident-billing-20260315-090000"), call.folder());
        assertTrue(m.messageProperty().get().contains(call.folder().toString()), m.messageProperty().get());
        assertFalse(m.busyProperty().get());
        assertEquals(List.of("iban", "email"), new RedactSetting(dir.resolve("settings.properties")).fields(),
                "the fields are remembered for the next report");
    }

    @Test
    void aBadWindowIsSaidBeforeAnythingIsMadeAndAFailureIsSaid() {
        List<Call> calls = new ArrayList<>();
        IncidentReportModel m = model(calls, new ReportException("No lag history of group billing."));
        m.toProperty().set("2026-03-15T08:00:00Z");
        assertFalse(m.checkWindow());
        assertEquals("The window's start must come before its end.", m.messageProperty().get());
        m.toProperty().set("yesterday");
        m.export(dir);
        assertTrue(calls.isEmpty());
        assertTrue(m.messageProperty().get().startsWith("Give the window as ISO-8601"), m.messageProperty().get());
        m.toProperty().set("2026-03-15T10:00:00Z");
        m.export(dir);
        assertEquals("Not saved. No lag history of group billing.", m.messageProperty().get());
        assertNull(m.savedToProperty().get());
    }
}
