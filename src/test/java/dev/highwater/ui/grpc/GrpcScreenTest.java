package dev.highwater.ui.grpc;

import dev.highwater.app.ThreadPoolTasks;
import dev.highwater.app.Wiring;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.grpc.IndexerServer;
import dev.highwater.grpc.IndexerSettings;
import dev.highwater.grpc.reflection.NoSink;
import dev.highwater.ui.UiThread;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gRPC area on a real indexer, headless: methods from reflection, a call from the editor, live blocks. */
@ExtendWith(ApplicationExtension.class)
class GrpcScreenTest {

    private final IndexerServer indexer = IndexerServer.start(0, new NoSink(),
            IndexerSettings.defaults().withBlockInterval(Duration.ofMillis(100)));
    private final ThreadPoolTasks tasks = new ThreadPoolTasks(2);
    private GrpcScreen screen;

    @Start
    void start(Stage stage) {
        screen = new GrpcScreen(indexer.target(), new SchemaCatalog(), Wiring.grpcClients(), tasks, UiThread.fx());
        stage.setScene(new Scene((Parent) screen.root(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(screen::dispose).get(5, TimeUnit.SECONDS);
        tasks.close();
        indexer.close();
    }

    @Test
    void aMethodFromReflectionIsCalledFromTheEditor(FxRobot robot) throws Exception {
        ListView<?> methods = robot.lookup("#grpc-methods").queryListView();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> methods.getItems().size() >= 4);

        robot.interact(() -> screen.workbench().selectedMethod().set(screen.workbench().methods().stream()
                .filter(m -> m.method().getName().equals("GetTransaction")).findFirst().orElseThrow()));
        TextArea request = robot.lookup("#grpc-request").query();
        assertTrue(request.getText().contains("\"hash\": \"\""), "prefilled from the descriptor: " + request.getText());
        robot.clickOn("#grpc-call");

        Label status = robot.lookup("#grpc-status").query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("INVALID_ARGUMENT"));
        assertTrue(status.getStyleClass().contains("failed"));
        TableView<?> history = robot.lookup("#grpc-history").queryTableView();
        assertTrue(history.getItems().size() == 1);
    }

    @Test
    void theBlocksTabFillsLiveFromWhenItIsFirstShown(FxRobot robot) throws Exception {
        Thread.sleep(1_000); // blocks come every 100 ms: a subscription started with the screen would have some
        assertFalse(screen.blocks().streaming().get(), "no subscription for a tab never shown");
        assertTrue(screen.blocks().blocks().isEmpty());

        robot.clickOn("Blocks");
        TableView<?> blocks = robot.lookup("#blocks-table").queryTableView();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> blocks.getItems().size() >= 3);

        Label summary = robot.lookup("#blocks-summary").query();
        assertTrue(summary.getText().contains("blocks"), summary.getText());
    }

    @Test
    void aBlockClickedDuringTheStreamStaysInViewAndCopies(FxRobot robot) throws Exception {
        robot.clickOn("Blocks");
        TableView<BlockRow> blocks = robot.lookup("#blocks-table").queryTableView();
        // more blocks than the table shows at once, so that there is somewhere for the newer ones to go
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> blocks.getItems().size() >= 30);

        robot.clickOn(robot.lookup("#blocks-table .table-row-cell").nth(1).queryAs(javafx.scene.Node.class));
        BlockRow chosen = blocks.getSelectionModel().getSelectedItem();
        assertTrue(chosen != null, "the click selects a row at once");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !Double.isNaN(WaitForAsyncUtils.asyncFx(
                () -> selectedRowY(robot, chosen)).get()));
        double clickedAt = WaitForAsyncUtils.asyncFx(() -> selectedRowY(robot, chosen)).get(5, TimeUnit.SECONDS);
        long heightBefore = blocks.getItems().getFirst().height();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> blocks.getItems().getFirst().height() >= heightBefore + 3);
        // newer blocks arrive above it without moving it: it stays highlighted where it was clicked
        double[] now = {Double.NaN};
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> (now[0] = WaitForAsyncUtils.asyncFx(
                    () -> selectedRowY(robot, chosen)).get()) == clickedAt);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the selected block did not stay where it was clicked (y " + clickedAt
                    + ", then " + now[0] + "; NaN: out of view)");
        }

        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.C)
                .release(javafx.scene.input.KeyCode.C, javafx.scene.input.KeyCode.CONTROL);
        String line = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get(5, TimeUnit.SECONDS);
        assertTrue(line.startsWith(dev.highwater.core.lag.LagFormat.count(chosen.height()) + "\t")
                && line.endsWith("\t" + chosen.hash()), chosen + " vs " + line);

        // the menu's item as the context menu offers it (a headless robot opens no popup menus)
        robot.interact(() -> blocks.getContextMenu().getItems().stream()
                .filter(i -> "Copy row as JSON".equals(i.getText())).findFirst().orElseThrow().fire());
        String json = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get(5, TimeUnit.SECONDS);
        assertTrue(json.startsWith("{\"Height\": \"" + dev.highwater.core.lag.LagFormat.count(chosen.height()) + "\"")
                && json.endsWith("\"Hash\": \"" + chosen.hash() + "\"}"), json);
    }

    /** Where the row showing {@code item}, selected, is on screen; NaN when no such row is shown. */
    private static double selectedRowY(FxRobot robot, BlockRow item) {
        return robot.lookup("#blocks-table .table-row-cell").queryAllAs(javafx.scene.control.TableRow.class).stream()
                .filter(r -> r.getItem() == item && r.isSelected() && r.isVisible())
                .mapToDouble(r -> r.localToScene(0, 0).getY()).findFirst().orElse(Double.NaN);
    }
}
