package dev.highwater.ui.offsets;

import dev.highwater.kafka.ClientSettings;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.kafka.TestTopics;
import dev.highwater.kafka.offsets.GroupOffsetReset;
import dev.highwater.ui.UiThread;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offset reset dialog on a real broker: preview, then reset only after confirming; read-only previews only. */
@ExtendWith(ApplicationExtension.class)
class ResetOffsetsViewTest {

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static ClientSettings client;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, dir);
        client = ClientSettings.of(kafka.bootstrapServers());
        TestTopics.fill(client, "orders", 1, 50, java.time.Instant.now(), java.time.Duration.ZERO);
        TestTopics.commit(client, "billing", "orders", 1, 40);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private void open(FxRobot robot, boolean writable) throws Exception {
        Stage owner = FxToolkit.registerPrimaryStage();
        ResetOffsetsModel model = new ResetOffsetsModel(new GroupOffsetReset(client, writable, "prod"), "billing",
                Executors.newVirtualThreadPerTaskExecutor(), UiThread.fx());
        robot.interact(() -> {
            owner.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
            owner.show();
            new ResetOffsetsView(model, "prod (" + kafka.bootstrapServers() + ")", owner).show();
        });
    }

    private static long committed() throws Exception {
        try (Admin admin = Admin.create(client.admin("t"))) {
            return admin.listConsumerGroupOffsets("billing").partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .get(new TopicPartition("orders", 0)).offset();
        }
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
