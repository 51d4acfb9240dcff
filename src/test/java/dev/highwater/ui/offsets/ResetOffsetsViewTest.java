package dev.highwater.ui.offsets;

import dev.highwater.kafka.TestBroker;
import dev.highwater.kafka.TestTopics;
import dev.highwater.kafka.offsets.GroupOffsetReset;
import dev.highwater.ui.UiThread;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offset reset dialog on a real broker: preview, then reset only after confirming; read-only previews only. */
@ExtendWith(ApplicationExtension.class)
class ResetOffsetsViewTest {

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @BeforeAll
    static void fill() throws Exception {
        TestTopics.fill(broker.client(), "orders", 1, 50, java.time.Instant.now(), java.time.Duration.ZERO);
        TestTopics.commit(broker.client(), "billing", "orders", 1, 40);
    }

    private void open(FxRobot robot, boolean writable) throws Exception {
        Stage owner = FxToolkit.registerPrimaryStage();
        ResetOffsetsModel model = new ResetOffsetsModel(new GroupOffsetReset(broker.client(), writable, "prod"),
                "billing", Executors.newVirtualThreadPerTaskExecutor(), UiThread.fx());
        robot.interact(() -> {
            owner.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
            owner.show();
            new ResetOffsetsView(model, "prod (" + broker.bootstrapServers() + ")", owner).show();
        });
    }

    private static long committed() throws Exception {
        return TestTopics.committed(broker.client(), "billing", "orders").get(0);
    }

    @Test
    void aWritableProfileResetsAfterPreviewAndConfirmation(FxRobot robot) throws Exception {
        open(robot, true);
        Button apply = robot.lookup("#reset-apply").queryButton();
        assertTrue(apply.isDisabled(), "nothing to reset before a preview");
        robot.clickOn("#reset-kind").clickOn("shift by");
        robot.clickOn("#reset-value").write("-15");
        robot.clickOn("#reset-preview");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#reset-message").queryAs(Label.class)
                .getText().equals("1 of 1 partitions move. Nothing has changed yet."));
        assertEquals(1, robot.lookup("#reset-table").queryAs(TableView.class).getItems().size());
        assertEquals(40, committed(), "a preview changes nothing");

        robot.clickOn("#reset-apply");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#reset-confirm").tryQuery().isPresent());
        robot.clickOn("Reset");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#reset-message").queryAs(Label.class)
                .getText().startsWith("Reset 1 partition(s) of billing shifted by -15"));
        assertEquals(25, committed());
    }

    @Test
    void aShiftPastTheEndIsPreviewedAsClampedToTheEnd(FxRobot robot) throws Exception {
        open(robot, false);
        robot.clickOn("#reset-kind").clickOn("shift by");
        robot.clickOn("#reset-value").write(String.valueOf(Long.MAX_VALUE));
        robot.clickOn("#reset-preview");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#reset-message").queryAs(Label.class)
                .getText().startsWith("Preview only: this profile is read-only."));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> cells = robot.lookup("#reset-table .table-cell").queryAll().stream()
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText()).filter(t -> t != null).toList();
        assertTrue(cells.contains("50"), "the new offset is the end, not the start: " + cells);
        assertTrue(cells.stream().anyMatch(t -> t.startsWith("past the end: clamped to the end 50 (asked ")), cells::toString);
    }

    @Test
    void aReadOnlyProfilePreviewsButCannotReset(FxRobot robot) throws Exception {
        long before = committed();
        open(robot, false);
        robot.clickOn("#reset-preview");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#reset-message").queryAs(Label.class)
                .getText().startsWith("Preview only: this profile is read-only."));
        assertTrue(robot.lookup("#reset-apply").queryButton().isDisabled());
        assertEquals(before, committed());
    }
}
