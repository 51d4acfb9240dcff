package dev.highwater.ui.schemas;

import dev.highwater.app.ThreadPoolTasks;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SchemaUsage;
import dev.highwater.ui.UiThread;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Schemas screen over a fake registry and topic, headless: every part shows what the model holds. */
@ExtendWith(ApplicationExtension.class)
class SchemasViewTest {

    private final ThreadPoolTasks tasks = new ThreadPoolTasks(2);
    private final FakeRegistry registry = SchemasModelTest.shop(new FakeRegistry());
    private final FakeTails tails = new FakeTails();
    private SchemasModel model;

    @Start
    void start(Stage stage) {
        for (int i = 0; i < 30; i++) {
            tails.add("orders", i % 3, i, SchemasModelTest.framed(i < 10 ? 2 : 3));
        }
        model = new SchemasModel(() -> Optional.<SchemaRegistry>of(registry), tails, UiThread.fx(), tasks);
        SchemasView view = new SchemasView(model);
        model.refresh();
        stage.setScene(new Scene((Parent) view.root(), 1100, 700));
        stage.show();
    }

    @AfterEach
    void stop() {
        model.dispose();
        tasks.close();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aClickedSubjectShowsItsLatestSchemaAndAReferenceItsText(FxRobot robot) throws Exception {
        ListView<String> subjects = robot.lookup("#subjects").queryListView();
        await(() -> subjects.getItems().size() == 3);
        robot.clickOn("orders-value");
        TextArea text = robot.lookup("#schema-text").queryAs(TextArea.class);
        await(() -> SchemasModelTest.ORDER_V2.equals(text.getText()));
        assertFalse(text.isEditable());
        assertTrue(text.getFont().getFamily().toLowerCase().contains("mono"), text.getFont().getFamily());
        assertEquals("orders-value version 2 · id 3 · PROTOBUF · 1 reference",
                robot.lookup("#schema-facts").queryAs(Label.class).getText());
        assertEquals("FULL_TRANSITIVE", robot.lookup("#compatibility").queryAs(Label.class).getText());
        ListView<Integer> versions = robot.lookup("#versions").queryListView();
        assertEquals(2, versions.getSelectionModel().getSelectedItem());

        robot.clickOn("version 1");
        await(() -> SchemasModelTest.ORDER_V1.equals(text.getText()));

        TableView<?> refs = robot.lookup("#schema-references").queryTableView();
        assertEquals(1, refs.getItems().size());
        // the first row that holds an item: the table also keeps spare, empty rows in its scene graph
        robot.clickOn(robot.from(refs).lookup(".table-row-cell")
                .match((TableRow<?> row) -> row.getIndex() == 0 && row.getItem() != null).<TableRow<?>>query());
        TextArea refText = robot.lookup("#reference-text").queryAs(TextArea.class);
        await(() -> SchemasModelTest.MONEY.equals(refText.getText()));

        robot.clickOn("#subject-filter").write("pay");
        await(() -> subjects.getItems().size() == 1);
        assertEquals("payments-value", subjects.getItems().getFirst());
    }

    @Test
    void theTopicPanelShowsTheVersionsOfTheNewestRecords(FxRobot robot) throws Exception {
        await(() -> model.topic().topics().contains("orders"));
        robot.interact(() -> model.topic().topicProperty().set("orders"));
        TextField n = robot.lookup("#usage-records").queryAs(TextField.class);
        assertEquals("1000", n.getText());
        robot.interact(() -> n.setText("15"));
        robot.clickOn("#usage-read");
        TableView<SchemaUsage.Row> table = robot.lookup("#usage-table").queryTableView();
        await(() -> !table.getItems().isEmpty());
        assertEquals(1, table.getItems().size(), "the newest 15 were all written with version 2");
        assertEquals(15, table.getItems().getFirst().records());
        assertEquals("The last 15 records of orders (3 partitions) carry 1 schema id.",
                robot.lookup("#usage-summary").queryAs(Label.class).getText());
    }

    @Test
    void anUnreachableRegistryIsOneSentenceOnTheScreen(FxRobot robot) throws Exception {
        await(() -> !model.allSubjects().isEmpty());
        registry.failing = new dev.highwater.core.registry.RegistryException(
                dev.highwater.core.registry.RegistryException.Kind.UNREACHABLE,
                "no schema registry answered at http://registry.test:8081 (connection refused)");
        robot.clickOn("#schemas-refresh");
        Label problem = robot.lookup("#schemas-problem").queryAs(Label.class);
        await(() -> !problem.getText().isEmpty());
        assertEquals("No schema registry answered at http://registry.test:8081 (connection refused).", problem.getText());
        assertTrue(problem.isVisible());
        assertEquals(1, robot.listWindows().size(), "no dialog");
    }

    @Test
    void aCheckedFileShowsItsVerdictWithTheBreakingFindingsMarked(FxRobot robot, @TempDir Path dir) throws Exception {
        Button check = robot.lookup("#check-file").queryButton();
        assertTrue(check.isDisabled(), "nothing to check against before a subject is selected");
        await(() -> !model.allSubjects().isEmpty());
        robot.clickOn("orders-value");
        await(() -> !check.isDisabled());
        assertEquals("Check a schema file…", check.getText());

        Path file = Files.writeString(dir.resolve("order.proto"),
                SchemasModelTest.ORDER_V2.replace("string note = 3; }", "int64 priority = 3; }"));
        robot.interact(() -> model.checkFile(file, ""));
        Label verdict = robot.lookup("#check-verdict").queryAs(Label.class);
        await(() -> verdict.getText().startsWith("order.proto breaks FULL_TRANSITIVE"));
        assertTrue(verdict.isVisible());
        assertTrue(verdict.getStyleClass().contains("check-breaks"), verdict.getStyleClass().toString());
        ListView<?> findings = robot.lookup("#check-findings").queryListView();
        assertFalse(findings.getItems().isEmpty());
        ListCell<?> first = robot.from(findings).lookup(".list-cell")
                .match((ListCell<?> c) -> c.getIndex() == 0 && c.getItem() != null).query();
        assertTrue(first.getText().startsWith("BREAKS: "), first.getText());
        assertTrue(first.getStyleClass().contains("finding-breaking"));

        Path missing = dir.resolve("missing.avsc");
        robot.interact(() -> model.checkFile(missing, ""));
        Label problem = robot.lookup("#check-problem").queryAs(Label.class);
        await(() -> !problem.getText().isEmpty());
        assertEquals("The schema file " + missing + " does not exist.", problem.getText());
        assertFalse(verdict.isVisible());
        assertTrue(findings.getItems().isEmpty());
    }
}
