package dev.highwater.ui.shell;

import dev.highwater.app.Composition;
import dev.highwater.app.ThreadPoolTasks;
import dev.highwater.core.BackendStartException;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.ProfileRepository;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.BackendStartException;
import dev.highwater.store.ProfileFile;
import dev.highwater.ui.DesktopUi;
import dev.highwater.ui.UiThread;
import javafx.application.Platform;
import javafx.scene.control.TextField;
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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connections dialog reads and writes the real profiles file, never on the UI thread. */
class ProfilesFileTest {

    @TempDir
    Path data;

    private final FxRobot robot = new FxRobot();
    private ThreadPoolTasks tasks;

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

    @Test
    void theProfilesFileIsReadAndWrittenOffTheUiThread() throws Exception {
        Path file = data.resolve("profiles.properties");
        new ProfileFile(file).save(List.of(ConnectionProfile.plain("Staging", "staging:9092", "")));
        Queue<String> calls = new ConcurrentLinkedQueue<>();
        ProfileRepository watched = new ProfileRepository() {
            private final ProfileFile real = new ProfileFile(file);

            @Override
            public List<ConnectionProfile> load() {
                calls.add("load on " + (Platform.isFxApplicationThread() ? "the UI thread" : "a background thread"));
                return real.load();
            }

            @Override
            public void save(List<ConnectionProfile> profiles) {
                calls.add("save on " + (Platform.isFxApplicationThread() ? "the UI thread" : "a background thread"));
                real.save(profiles);
            }
        };
        tasks = new ThreadPoolTasks(1);
        Composition app = new Composition(options -> {
            throw new BackendStartException("no demo in this test");
        }, tasks, cluster -> {
            throw new AssertionError("no connection in this test");
        }, "test", data, SchemaCatalog.withBuiltIn(), watched);
        Stage stage = FxToolkit.registerStage(Stage::new);
        WaitForAsyncUtils.asyncFx(() -> DesktopUi.open(stage, app, UiThread.fx(), () -> { })).get(10, TimeUnit.SECONDS);

        robot.clickOn("#connect");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#profiles").tryQuery().isPresent()
                && robot.lookup("#profiles").queryListView().getItems().size() == 2);
        robot.clickOn("#new-profile");
        robot.interact(() -> {
            robot.lookup("#profile-name").queryAs(TextField.class).setText("Production");
            robot.lookup("#bootstrap").queryAs(TextField.class).setText("prod:9092");
        });
        robot.clickOn("#save-profile");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.readString(file).contains("Production"));
        robot.interact(() -> robot.lookup("#profiles").query().getScene().getWindow().hide());

        assertEquals(List.of("load on a background thread", "save on a background thread"), List.copyOf(calls));
        assertTrue(Files.readString(file).contains("Staging"), "the profile read first is kept");
    }
}
