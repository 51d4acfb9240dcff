package dev.highwater.ui.shell;

import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Light or dark: the user's choice (Light, Dark, or System, which follows the desktop's colour scheme as it
 * changes), remembered in the data folder's settings file. The dark theme is dark.css added on top of
 * highwater.css, in the main window and in every dialog it opens.
 */
public final class Themes {

    /** The user's choice between the two themes. */
    public enum Choice {
        LIGHT("Light"), DARK("Dark"), SYSTEM("System");

        private final String title;

        Choice(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public static final String DARK_STYLESHEET = Objects.requireNonNull(
            Themes.class.getResource("/dev/highwater/ui/dark.css")).toExternalForm();
    private static final String KEY = "theme";

    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(Choice.SYSTEM);
    private final BooleanBinding dark;
    private final Path settings; // null: nothing remembered
    private final Consumer<Runnable> background;

    /**
     * @param settings   the settings file the choice is read from and written to; null to remember nothing
     * @param background where the file is written, off the UI thread
     */
    public Themes(Path settings, Consumer<Runnable> background) {
        this.settings = settings;
        this.background = background;
        choice.set(read(settings));
        ObjectProperty<ColorScheme> scheme = new SimpleObjectProperty<>();
        scheme.bind(Platform.getPreferences().colorSchemeProperty());
        dark = Bindings.createBooleanBinding(() -> choice.get() == Choice.DARK
                || choice.get() == Choice.SYSTEM && scheme.get() == ColorScheme.DARK, choice, scheme);
    }

    /** A choice that lasts while the app runs, for windows that have no data folder. */
    public static Themes unsaved() {
        return new Themes(null, Runnable::run);
    }

    public ObjectProperty<Choice> choiceProperty() {
        return choice;
    }

    /** Whether the dark theme is the one shown. */
    public BooleanBinding darkProperty() {
        return dark;
    }

    /** Shows the chosen theme and remembers the choice. */
    public void choose(Choice c) {
        choice.set(c);
        if (settings != null) {
            background.accept(() -> write(settings, c));
        }
    }

    /** Keeps the stage's scene, and the scenes of the dialogs it owns, in the theme shown. */
    public void follow(Stage main) {
        Runnable paintAll = () -> Window.getWindows().forEach(w -> {
            if (ownedBy(w, main)) {
                paint(w.getScene());
            }
        });
        dark.addListener((o, was, is) -> paintAll.run());
        main.sceneProperty().addListener((o, was, is) -> paint(is));
        Window.getWindows().addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                for (Window w : c.getAddedSubList()) {
                    if (ownedBy(w, main)) {
                        paint(w.getScene());
                    }
                }
            }
        });
        paint(main.getScene());
    }

    /** Adds or removes the dark stylesheet. */
    void paint(Scene scene) {
        if (scene == null) {
            return;
        }
        if (dark.get()) {
            if (!scene.getStylesheets().contains(DARK_STYLESHEET)) {
                scene.getStylesheets().add(DARK_STYLESHEET);
            }
        } else {
            scene.getStylesheets().remove(DARK_STYLESHEET);
        }
    }

    /** The main stage and the stages it owns, directly or through a dialog; popups follow their owner's scene. */
    private static boolean ownedBy(Window w, Stage main) {
        for (Window at = w; at instanceof Stage s; at = s.getOwner()) {
            if (s == main) {
                return true;
            }
        }
        return false;
    }

    private static Choice read(Path settings) {
        if (settings == null || !Files.isRegularFile(settings)) {
            return Choice.SYSTEM;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(settings)) {
            p.load(in);
            return Choice.valueOf(p.getProperty(KEY, Choice.SYSTEM.name()).trim().toUpperCase(Locale.ROOT));
        } catch (IOException | IllegalArgumentException e) {
            return Choice.SYSTEM; // an unreadable or edited file: the system's scheme, as on a first start
        }
    }

    /** Writes the choice, keeping any other setting the file holds. */
    private static synchronized void write(Path settings, Choice c) {
        Properties p = new Properties();
        try {
            if (Files.isRegularFile(settings)) {
                try (Reader in = Files.newBufferedReader(settings)) {
                    p.load(in);
                }
            }
            p.setProperty(KEY, c.name().toLowerCase(Locale.ROOT));
            Files.createDirectories(settings.getParent());
            try (Writer out = Files.newBufferedWriter(settings)) {
                p.store(out, "Highwater settings");
            }
        } catch (IOException e) {
            System.getLogger(Themes.class.getName()).log(System.Logger.Level.WARNING,
                    "The theme could not be remembered in " + settings + ": " + e.getMessage());
        }
    }
}
