package dev.highwater.ui.partitions;

import dev.highwater.ui.UiThread;
import dev.highwater.core.demo.DemoTrafficGenerator;
import dev.highwater.core.lag.PartitionLag;
import dev.highwater.demo.DemoBackends;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The Partitions screen over the real embedded demo, headless. */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionsViewTest {

    @TempDir
    static Path dir;
    private static DemoLag demo;
    private PartitionsModel model;
    private PartitionsView view;

    @BeforeAll
    static void startDemo() {
        demo = new DemoLag(300, dir);
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Start
    void start(Stage stage) {
        model = new PartitionsModel(demo.service, UiThread.fx());
        view = new PartitionsView(model);
        stage.setScene(new Scene((Parent) view.root(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void dispose() {
        model.dispose();
    }

    @Test
    @Order(1)
    void showsTheGroupsSelectsOnClickMarksTheHotRowAndChartsIt(FxRobot robot) {
        await("both groups listed", 20, () -> view.groupList().getItems().size() == 2);

        for (String group : List.of(DemoBackends.PROJECTION_GROUP, DemoBackends.PROCESSOR_GROUP)) {
            robot.clickOn(groupCell(robot, group));
            await(group + " selected", 5, () -> group.equals(model.selectedGroupProperty().get())
                    && view.table().getItems().size() == 12);
        }

        int hotPartition = DemoLag.partitionOf(DemoTrafficGenerator.HOT_SENDER);
        await("one hot row, styled", 25, () -> {
            List<TableRow<PartitionLag>> hot = hotRows(robot);
            return hot.size() == 1 && hot.getFirst().getItem().id().partition() == hotPartition;
        });
        assertTrue(robot.lookup(".hot-badge").tryQuery().isPresent(), "the hot row carries a badge");

        assertEquals(3, view.charts().charts().size());
        await("the charts hold data", 10, () -> view.charts().points() > 12);
        assertTrue(robot.lookup(".legend-hot").tryQuery().isPresent(), "the legend names the hot partition");
    }

    @Test
    @Order(2)
    void aStoppedBrokerGreysTheTableAndSaysSinceWhenOnTheToolbarAndTheCharts(FxRobot robot) {
        await("rows shown", 20, () -> view.table().getItems().size() == 12);
        demo.closeDemo();
        // the text and the style change in one FX pulse; this thread may look between them, so wait for both
        await("stale on the toolbar, styled as such", 30, () -> {
            Label time = robot.lookup("#refresh-time").queryAs(Label.class);
            return time.getText().startsWith("stale since ") && time.getStyleClass().contains("stale-note");
        });
        assertTrue(view.table().getPseudoClassStates().stream().anyMatch(c -> c.getPseudoClassName().equals("stale")),
                "the table is marked stale");
        Label charts = robot.lookup("#charts-stale").queryAs(Label.class);
        assertTrue(charts.isVisible() && charts.getText().startsWith("No new points since "), charts.getText());
        await("no rate in the table while stale", 5, () -> robot.lookup(".partition-table .table-cell")
                .queryAllAs(TableCell.class).stream().filter(c -> c.isVisible() && c.getTableRow() != null
                        && c.getTableRow().getItem() != null)
                .map(TableCell::getText).noneMatch(t -> t != null && t.endsWith("/s")));
    }

    private static ListCell<?> groupCell(FxRobot robot, String group) {
        return robot.lookup(".group-list .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() instanceof GroupSummary g && g.groupId().equals(group))
                .findFirst().orElseThrow(() -> new AssertionError("no cell for " + group));
    }

    @SuppressWarnings("unchecked")
    private static List<TableRow<PartitionLag>> hotRows(FxRobot robot) {
        return robot.lookup("." + PartitionTable.HOT_ROW).queryAllAs(TableRow.class).stream()
                .map(r -> (TableRow<PartitionLag>) r)
                .filter(r -> r.getItem() != null && r.isVisible()).toList();
    }

    private static void await(String what, int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            fail("gave up waiting: " + what);
        }
    }
}
