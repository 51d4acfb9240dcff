package dev.highwater.ui.shell;

import dev.highwater.app.Composition;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.app.ThreadPoolTasks;
import dev.highwater.app.Wiring;
import dev.highwater.core.BackendStartException;
import dev.highwater.demo.DemoBackends;
import dev.highwater.core.demo.DemoOptions;
import dev.highwater.core.BackendStartException;
import dev.highwater.ui.DesktopUi;
import dev.highwater.ui.UiThread;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main window, headless, over the real embedded demo. */
class MainWindowTest {

    @TempDir
    Path data;

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private ThreadPoolTasks tasks;
    private final CountDownLatch closed = new CountDownLatch(1);

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

    private MainModel open(Composition app) throws Exception {
        stage = FxToolkit.registerStage(Stage::new);
        return WaitForAsyncUtils.asyncFx(() -> DesktopUi.open(stage, app, UiThread.fx(), closed::countDown))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void opensOnTheDemoNavigatesEveryAreaAndStopsTheDemoOnClose() throws Exception {
        tasks = new ThreadPoolTasks(2);
        AtomicReference<DemoBackends> started = new AtomicReference<>();
        Composition app = new Composition(options -> {
            DemoBackends d = DemoBackends.start(options);
            started.set(d);
            return d;
        }, tasks, cluster -> Wiring.lagService(cluster, data.resolve("history")), "test", data, SchemaCatalog.withBuiltIn());
        MainModel model = open(app);
        assertEquals("Highwater test", stage.getTitle());
        assertEquals(8, stage.getIcons().size(), "the icon in every size");
        robot.interact(() -> model.startDemo(new DemoOptions(0, 0, null, 200, 0.4)));

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> statusText().contains("Kafka 127.0.0.1:"));
        String status = statusText();
        assertTrue(status.startsWith("Embedded demo · Kafka 127.0.0.1:" + started.get().kafkaBootstrap().split(":")[1]),
                status);
        assertTrue(status.contains("gRPC " + started.get().grpcTarget()), status);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> statusText().contains("block #"));
        // each status refresh asks both ports anew; on a loaded machine one ask can miss, the next answers
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".state-dot.up").queryAll().size() == 2);

        for (Area a : List.of(Area.MESSAGES, Area.LEDGER, Area.GRPC, Area.PARTITIONS)) {
            robot.clickOn("#nav-" + a.name().toLowerCase());
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(a, model.areaProperty().get());
            Node shown = robot.lookup("#area-" + a.name().toLowerCase()).query();
            assertNotNull(shown, a + " is shown");
            assertTrue(shown.isVisible());
        }
        // a profile whose settings cannot be used: said, and still said once the demo's status line moves on
        ConnectionProfile broken = new ConnectionProfile("Staging", "127.0.0.1:1", null,
                java.util.Map.of("client.id", "${env:HIGHWATER_TEST_NOT_SET}"), "", null, null, false, false);
        robot.interact(() -> model.connectTo(broken));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> noticeText().contains("HIGHWATER_TEST_NOT_SET"));
        assertTrue(noticeText().startsWith("Not connected to Staging: "), noticeText());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> statusText().startsWith("Embedded demo"));
        assertTrue(noticeText().contains("HIGHWATER_TEST_NOT_SET"), "the reason stays until the next attempt");
        assertTrue(model.liveConnectionProperty().get().demo(), "the demo connection is kept");

        robot.clickOn("#nav-messages");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(robot.lookup("#area-messages .message-table").tryQuery().orElse(null), "Messages is built");
        assertTrue(java.util.Arrays.stream(Area.values()).noneMatch(a -> a.purpose().contains("not built yet")),
                "every area is built");

        // closing the window as a user does: the demo stops first, then the window goes
        robot.interact(() -> stage.fireEvent(new javafx.stage.WindowEvent(stage,
                javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertTrue(closed.await(30, TimeUnit.SECONDS), "the window closes once the demo has stopped");
        assertFalse(started.get().status().brokerUp() || started.get().status().grpcUp());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.isShowing());
        assertEquals("Not connected", model.connectionProperty().get().label());
    }

    @Test
    void aDemoThatCannotStartSaysWhyAndOffersWhatToDo() throws Exception {
        tasks = new ThreadPoolTasks(1);
        String why = "port 9092 on 127.0.0.1 is already in use; stop what holds it or choose another --kafka-port";
        Composition app = new Composition(options -> {
            throw new BackendStartException(why);
        }, tasks, bootstrap -> {
            throw new AssertionError("no lag watcher without a connection");
        }, "test", data, SchemaCatalog.withBuiltIn());
        MainModel model = open(app);
        robot.interact(() -> model.startDemo(DemoOptions.defaults()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#start-failure").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#start-failure").queryAs(DialogPane.class);
        assertTrue(dialog.getContentText().startsWith("Port 9092 on 127.0.0.1 is already in use"), dialog.getContentText());
        assertFalse(dialog.getContentText().contains("Exception"), "no stack trace, no class names");
        List<String> buttons = dialog.getButtonTypes().stream().map(b -> ((Button) dialog.lookupButton(b)).getText()).toList();
        assertEquals(List.of("Start on free ports", "Connect to a cluster…", "Quit"), buttons);
        assertTrue(statusText().contains("already in use"), statusText());
        robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
    }

    private String noticeText() {
        return robot.lookup("#status-notice").queryAs(Label.class).getText();
    }

    private String statusText() {
        return robot.lookup("#status-text").queryAs(Label.class).getText();
    }
}
