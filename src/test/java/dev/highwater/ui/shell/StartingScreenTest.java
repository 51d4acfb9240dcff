package dev.highwater.ui.shell;

import dev.highwater.app.Composition;
import dev.highwater.core.demo.DemoStarter;
import dev.highwater.app.ThreadPoolTasks;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.demo.DemoOptions;
import dev.highwater.core.demo.RunningDemo;
import dev.highwater.ui.DesktopUi;
import dev.highwater.ui.UiThread;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** While the demo starts, the window says which step it is at instead of showing an empty area. */
class StartingScreenTest {

    @TempDir
    Path data;

    private final FxRobot robot = new FxRobot();
    private ThreadPoolTasks tasks;
    private final CountDownLatch never = new CountDownLatch(1);

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
    void theStepUnderWayIsShownWhereTheAreaWillBe() throws Exception {
        tasks = new ThreadPoolTasks(1);
        CountDownLatch atBroker = new CountDownLatch(1);
        DemoStarter starter = new DemoStarter() {
            @Override
            public RunningDemo start(DemoOptions options) {
                throw new AssertionError("the console says its steps");
            }

            @Override
            public RunningDemo start(DemoOptions options, Consumer<String> progress) {
                progress.accept("starting the Kafka broker");
                atBroker.countDown();
                // a broker that never finishes starting: a failure would open a dialog over the next test's window
                while (true) {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        // closing the test's tasks interrupts; this daemon thread stays parked
                    }
                }
            }
        };
        Composition app = new Composition(starter, tasks, bootstrap -> {
            throw new AssertionError("no lag watcher without a connection");
        }, "test", data, SchemaCatalog.withBuiltIn());
        Stage stage = FxToolkit.registerStage(Stage::new);
        MainModel model = WaitForAsyncUtils.asyncFx(() -> DesktopUi.open(stage, app, UiThread.fx(), () -> { }))
                .get(10, TimeUnit.SECONDS);
        robot.interact(() -> model.startDemo(DemoOptions.defaults()));
        assertTrue(atBroker.await(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#starting-step").tryQuery()
                .map(n -> ((Label) n).getText().contains("starting the Kafka broker")).orElse(false));
        assertTrue(robot.lookup("#area-partitions").tryQuery().isEmpty(), "no empty Partitions area meanwhile");
    }
}
