package dev.highwater.ui.partitions;

import dev.highwater.ui.UiThread;
import dev.highwater.core.demo.DemoTrafficGenerator;
import dev.highwater.core.lag.PartitionLag;
import dev.highwater.demo.DemoBackends;
import dev.highwater.kafka.DemoTopics;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.text.Text;
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

    /** What the screen gets in a 1280x800 window: the shell's navigation and status bar take the rest. */
    private static final int SCREEN_WIDTH = 1280 - 200;
    private static final int SCREEN_HEIGHT = 800 - 70;

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
        stage.setScene(new Scene((Parent) view.root(), SCREEN_WIDTH, SCREEN_HEIGHT));
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
            // the list is ordered by how the groups fare, and a refresh may swap them between finding a cell and
            // the click landing on it: clicked again, on its cell of the moment, until it is the one selected
            await(group + " selected", 10, () -> {
                if (!group.equals(model.selectedGroupProperty().get())) {
                    robot.clickOn(groupCell(robot, group));
                }
                return group.equals(model.selectedGroupProperty().get()) && view.table().getItems().size() == 12;
            });
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
    void theHotPartitionsTopicNumberLagAndStatusAreReadableAtTheDefaultWindowSize(FxRobot robot) {
        robot.clickOn(groupCell(robot, DemoBackends.PROCESSOR_GROUP));
        int hotPartition = DemoLag.partitionOf(DemoTrafficGenerator.HOT_SENDER);
        await("the hot row shown", 25, () -> hotRows(robot).size() == 1);
        WaitForAsyncUtils.waitForFxEvents();

        Label topic = header(DemoTopics.TRANSACTIONS);
        assertEquals(DemoTopics.TRANSACTIONS, rendered(topic), "the topic heads the partition column, whole");
        TableRow<PartitionLag> hot = hotRows(robot).getFirst();
        for (String column : List.of(DemoTopics.TRANSACTIONS, "Status", "Lag", "Lag (s)", "Time to drain")) {
            TableCell<?, ?> cell = cell(robot, hot, header(column));
            assertTrue(cell.isVisible() && cell.getText() != null && !cell.getText().isBlank(), column + " shown");
            assertEquals(cell.getText(), rendered(cell), column + " of the hot row is not cut");
        }
        assertEquals("p" + hotPartition, cell(robot, hot, topic).getText());
        for (String column : List.of("Status", "Lag", "Lag (s)", "Time to drain", "Produce/s", "Consume/s")) {
            assertEquals(column, rendered(header(column)), "the header " + column + " is not cut");
        }
    }

    @Test
    @Order(3)
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

    /** The header of a column, by its title (the partition column's is the topic's name). */
    private Label header(String title) {
        return view.table().getColumns().stream().map(c -> (Label) c.getGraphic())
                .filter(l -> l.getText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + title));
    }

    private static TableCell<?, ?> cell(FxRobot robot, TableRow<?> row, Label header) {
        return robot.from(row).lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableColumn().getGraphic() == header).findFirst()
                .orElseThrow(() -> new AssertionError("no cell under " + header.getText()));
    }

    /** The text as drawn: a control too narrow for its text draws it cut, with an ellipsis. */
    private static String rendered(Labeled labeled) {
        return labeled.lookupAll(".text").stream().filter(n -> n instanceof Text && n.getParent() == labeled)
                .map(n -> ((Text) n).getText()).findFirst()
                .orElseThrow(() -> new AssertionError("nothing drawn for " + labeled.getText()));
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
