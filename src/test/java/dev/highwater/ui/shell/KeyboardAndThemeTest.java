package dev.highwater.ui.shell;

import dev.highwater.app.Composition;
import dev.highwater.app.ThreadPoolTasks;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.ui.UiThread;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main window's keyboard shortcuts and its help, and the switch to the dark theme, headless. */
class KeyboardAndThemeTest {

    @TempDir
    Path data;

    private final FxRobot robot = new FxRobot();
    private ThreadPoolTasks tasks;
    private MainModel model;
    private Themes themes;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (tasks != null) {
            tasks.close();
        }
    }

    /** The window with no connection: each area says what it is for, which is enough to see which one is shown. */
    private void open() throws Exception {
        tasks = new ThreadPoolTasks(1);
        Composition app = new Composition(options -> {
            throw new IllegalStateException("no demo in this test");
        }, tasks, cluster -> {
            throw new IllegalStateException("no cluster in this test");
        }, "test", data, SchemaCatalog.withBuiltIn());
        stage = FxToolkit.registerStage(Stage::new);
        WaitForAsyncUtils.asyncFx(() -> {
            model = new MainModel(app, UiThread.fx());
            themes = new Themes(data.resolve("settings.properties"), Runnable::run);
            themes.choose(Themes.Choice.LIGHT);
            MainView view = new MainView(model, Map.of(), themes);
            stage.setScene(new Scene(view.root(), 1280, 800));
            stage.getScene().getStylesheets().add(
                    getClass().getResource("/dev/highwater/ui/highwater.css").toExternalForm());
            themes.follow(stage);
            stage.show();
            return null;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theShortcutsInstalledAreTheOnesTheHelpListsAndCtrl2ShowsTheSecondScreen() throws Exception {
        open();
        assertEquals(Set.copyOf(Shortcuts.combinations()), stage.getScene().getAccelerators().keySet(),
                "every shortcut of the table installed, and no other");

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Area.MESSAGES, model.areaProperty().get());
        assertTrue(robot.lookup("#area-messages").tryQuery().isPresent(), "the Messages screen is shown");
        assertTrue(robot.lookup("#nav-messages").queryAs(ToggleButton.class).isSelected(),
                "the navigation follows the keyboard");

        Node help = robot.lookup("#help-overlay").query();
        assertFalse(help.isVisible());
        robot.press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(help.isVisible(), "F1 opens the help");
        List<String> listed = robot.lookup("#help-shortcuts .help-key").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertEquals(Shortcuts.all().stream().map(Shortcuts.Shortcut::keysText).toList(), listed,
                "the help lists the installed keys, in the table's order");
        assertTrue(listed.containsAll(List.of("Ctrl+1", "Ctrl+2", "F5 or Ctrl+R", "Ctrl+F", "Ctrl+P", "F1 or ?")),
                "as a user reads them: " + listed);
        String text = robot.lookup("#help-shortcuts .label").queryAllAs(Label.class).stream()
                .map(Label::getText).reduce("", String::concat);
        assertTrue(text.contains("Nothing to refresh: the tail shows records as they arrive"),
                "what refresh means on the screen shown: " + text);

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(help.isVisible(), "Esc closes the help");

        robot.press(KeyCode.F5).release(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(help.isVisible(), "a screen with nothing to refresh says so in the help");
    }

    @Test
    void choosingDarkAddsTheDarkStylesheetPaintsTheAreaDarkAndIsRemembered() throws Exception {
        open();
        Region area = robot.lookup(".area").queryAs(Region.class);
        assertTrue(brightness(area) > 0.9, "light to begin with");

        robot.clickOn("#theme");
        robot.clickOn("Dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.getScene().getStylesheets().contains(Themes.DARK_STYLESHEET));
        assertTrue(brightness(area) < 0.2, "the area's background is the dark theme's");
        assertEquals(Themes.Choice.DARK, WaitForAsyncUtils.asyncFx(() -> new Themes(data.resolve(
                        "settings.properties"), Runnable::run).choiceProperty().get()).get(10, TimeUnit.SECONDS),
                "remembered for the next start: " + Files.readString(data.resolve("settings.properties")));

        robot.clickOn("#theme");
        robot.clickOn("Light");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.getScene().getStylesheets().contains(Themes.DARK_STYLESHEET));
        assertTrue(brightness(area) > 0.9);
    }

    private static double brightness(Region r) {
        return ((Color) r.getBackground().getFills().getFirst().getFill()).getBrightness();
    }
}
