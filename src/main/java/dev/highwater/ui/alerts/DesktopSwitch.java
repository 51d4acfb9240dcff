package dev.highwater.ui.alerts;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Whether alerts are shown as desktop notifications: on unless the user switched them off, remembered in the
 * data folder's settings file beside the other settings it holds.
 */
public final class DesktopSwitch {

    static final String KEY = "alerts.desktop-notifications";

    private final Path settings; // null: nothing remembered
    private final Consumer<Runnable> background;

    /**
     * @param settings   the settings file; null to remember nothing
     * @param background where the file is written, off the UI thread
     */
    public DesktopSwitch(Path settings, Consumer<Runnable> background) {
        this.settings = settings;
        this.background = background;
    }

    /** The remembered choice: on unless the file says off. */
    public boolean on() {
        if (settings == null || !Files.isRegularFile(settings)) {
            return true;
        }
        return !"false".equalsIgnoreCase(load().getProperty(KEY, "true").strip());
    }

    /** Remembers the choice, off the UI thread. */
    public void remember(boolean on) {
        if (settings != null) {
            background.accept(() -> write(on));
        }
    }

    private Properties load() {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(settings)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            // an unreadable file: the defaults, as on a first start
        }
        return p;
    }

    private synchronized void write(boolean on) {
        Properties p = Files.isRegularFile(settings) ? load() : new Properties();
        p.setProperty(KEY, Boolean.toString(on));
        try {
            Files.createDirectories(settings.getParent());
            try (Writer out = Files.newBufferedWriter(settings)) {
                p.store(out, "Highwater settings");
            }
        } catch (IOException e) {
            System.getLogger(DesktopSwitch.class.getName()).log(System.Logger.Level.WARNING,
                    "The desktop notifications choice could not be remembered in " + settings + ": " + e.getMessage());
        }
    }
}
