package dev.highwater.ui.ledger;

import dev.highwater.core.ledger.LedgerEvent;
import dev.highwater.core.ledger.LedgerEventCodec;
import dev.highwater.core.ledger.ListLedgerSource;
import dev.highwater.core.ledger.SnapshotStore;
import dev.highwater.ui.UiThread;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Ledger screen at the default window size (1280x800 less the navigation): with large balances, one below
 * zero, and two instants compared, no balance, change, time or running balance is cut.
 */
@ExtendWith(ApplicationExtension.class)
class LedgerColumnsViewTest {

    private static final Instant T0 = Instant.parse("2026-12-06T22:00:00Z");
    private static final String BIG = "acct-aggregator-7";
    private LedgerModel model;
    private LedgerView view;

    @Start
    void start(Stage stage) {
        ListLedgerSource source = new ListLedgerSource("payment-ledger", 2);
        add(source, new LedgerEvent("open", BIG, LedgerEvent.Type.ACCOUNT_CREDITED,
                new BigDecimal("150000000.00"), "opening balance", T0.toEpochMilli()));
        for (int i = 1; i <= 40; i++) {
            add(source, new LedgerEvent("p" + i, BIG, LedgerEvent.Type.ACCOUNT_DEBITED, new BigDecimal("8642307.19"),
                    "tx " + "ab".repeat(32), T0.plusSeconds(60L * i).toEpochMilli()));
            add(source, new LedgerEvent("c" + i, "acct-" + i, LedgerEvent.Type.ACCOUNT_CREDITED,
                    new BigDecimal("8642307.19"), "tx " + "ab".repeat(32), T0.plusSeconds(60L * i).toEpochMilli()));
        }
        Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneId.of("UTC"));
        model = new LedgerModel(() -> source, () -> SnapshotStore.NONE, UiThread.fx(), clock, "payment-ledger", false);
        view = new LedgerView(model);
        stage.setScene(new Scene((Parent) view.root(), 1080, 770));
        stage.show();
    }

    private static void add(ListLedgerSource s, LedgerEvent e) {
        s.add(Math.floorMod(e.accountId().hashCode(), 2), e.accountId().getBytes(StandardCharsets.UTF_8),
                LedgerEventCodec.toProtobuf(e));
    }

    @Test
    void amountsTimesAndTitlesAreNotCut(FxRobot robot) throws Exception {
        robot.interact(model::replay); // one instant first, as the screen opens: two columns
        await(() -> model.rows().size() == 41 && !model.runningProperty().get());
        robot.interact(() -> {
            model.compareProperty().set(true);
            model.compareTimeProperty().set("22:00:30"); // the opening balance only: the aggregator then spends
            model.replay();
        });
        await(() -> model.comparingProperty().get() && !model.runningProperty().get());
        robot.interact(() -> model.searchProperty().set(BIG));
        await(() -> model.rows().size() == 1);
        assertEquals(new BigDecimal("-195692287.60"), model.rows().getFirst().compared());
        assertEquals(new BigDecimal("-345692287.60"), model.rows().getFirst().change());
        robot.interact(() -> view.table().getSelectionModel().select(0));
        await(() -> model.history().rows().size() == 41, () -> model.history().textProperty().get());

        List<String> shown = shownTexts(view.table(), "-195,692,287.60", "-345,692,287.60", "150,000,000.00");
        assertTrue(shown.contains("-195,692,287.60"), shown.toString());
        TableView<?> events = robot.lookup("#account-events").queryAs(TableView.class);
        List<String> eventTexts = shownTexts(events, "2026-12-06 22:40:00.000", "-8,642,307.19", "-195,692,287.60");
        assertTrue(eventTexts.contains("2026-12-06 22:40:00.000") && eventTexts.contains("-195,692,287.60"),
                eventTexts.toString());
        Node negative = view.table().lookupAll(".num").stream()
                .filter(n -> n instanceof TableCell<?, ?> c && "-195,692,287.60".equals(c.getText()))
                .findFirst().orElseThrow();
        assertTrue(negative.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("negative")),
                "a balance below zero stands out");
        for (var c : view.table().getColumns()) {
            if (c.isVisible()) {
                Node header = c.getStyleableNode();
                Text title = (Text) header.lookup(".text");
                assertEquals(c.getText(), title.getText(), "the title of a column is not cut");
                Bounds inTable = view.table().sceneToLocal(header.localToScene(header.getBoundsInLocal()));
                assertTrue(inTable.getMaxX() <= view.table().getWidth(), c.getText() + " is in sight, at "
                        + inTable + " in a table " + view.table().getWidth() + " wide");
            }
        }
    }

    /** The texts the table's cells show, each checked to be shown whole, with those expected among them. */
    private static List<String> shownTexts(TableView<?> table, String... expected) {
        List<String> texts = new ArrayList<>();
        for (Node n : table.lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> cell && cell.isVisible() && cell.getText() != null
                    && !cell.getStyleClass().contains("id-cell")) {
                Text text = (Text) cell.lookup(".text");
                assertEquals(cell.getText(), text.getText(), "a cell of " + cell.getTableColumn().getText()
                        + " is cut");
                texts.add(cell.getText());
            }
        }
        for (String e : expected) {
            assertTrue(texts.contains(e), e + " is shown: " + texts);
        }
        return texts;
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        await(condition, () -> "");
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, Supplier<String> state)
            throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("did not get there: " + state.get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
