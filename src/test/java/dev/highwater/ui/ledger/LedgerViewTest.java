package dev.highwater.ui.ledger;

import dev.highwater.core.ledger.AccountHistory;
import dev.highwater.core.ledger.LedgerEvent;
import dev.highwater.core.ledger.LedgerEventCodec;
import dev.highwater.core.ledger.ListLedgerSource;
import dev.highwater.core.ledger.SnapshotStore;
import dev.highwater.ui.UiThread;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Ledger screen over an in-memory ledger, headless: it opens replayed, and every part answers. */
@ExtendWith(ApplicationExtension.class)
class LedgerViewTest {

    private static final Instant T0 = Instant.parse("2024-03-15T08:00:00Z");
    private LedgerModel model;
    private LedgerView view;

    static ListLedgerSource ledger() {
        ListLedgerSource source = new ListLedgerSource("payment-ledger", 2);
        int p = 0;
        for (String account : new String[] {"acct-1", "acct-2", "acct-3"}) {
            add(source, p++ % 2, new LedgerEvent("open-" + account, account, LedgerEvent.Type.ACCOUNT_CREDITED,
                    new BigDecimal("1000.00"), "opening balance", T0.toEpochMilli()));
        }
        for (int i = 1; i <= 30; i++) {
            long ts = T0.plusSeconds(60L * i).toEpochMilli();
            String from = "acct-" + (1 + i % 3);
            String to = "acct-" + (1 + (i + 1) % 3);
            BigDecimal amount = new BigDecimal("10.25");
            add(source, i % 2, new LedgerEvent("p" + i + ":debit", from, LedgerEvent.Type.ACCOUNT_DEBITED, amount,
                    "tx " + i, ts));
            add(source, (i + 1) % 2, new LedgerEvent("p" + i + ":credit", to, LedgerEvent.Type.ACCOUNT_CREDITED,
                    amount, "tx " + i, ts));
        }
        source.add(0, null, "garbage".getBytes(StandardCharsets.UTF_8));
        return source;
    }

    private static void add(ListLedgerSource s, int partition, LedgerEvent e) {
        s.add(partition, e.accountId().getBytes(StandardCharsets.UTF_8), LedgerEventCodec.toProtobuf(e));
    }

    @Start
    void start(Stage stage) {
        ListLedgerSource source = ledger();
        Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneId.of("Europe/Paris"));
        model = new LedgerModel(() -> source, () -> SnapshotStore.NONE, UiThread.fx(), clock, "payment-ledger", true);
        view = new LedgerView(model);
        stage.setScene(new Scene((Parent) view.root(), 1200, 760));
        stage.show();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void opensReplayedWithBalancesThatAddUp(FxRobot robot) throws Exception {
        await(() -> model.rows().size() == 3);
        assertEquals("Europe/Paris", model.zoneProperty().get().getId(), "the zone is shown and used");
        assertEquals("10:00:00", model.timeProperty().get(), "now, in the zone shown");
        assertTrue(model.totalProperty().get().startsWith("Sum over all accounts: 3,000.00"),
                model.totalProperty().get());
        assertEquals(1, model.uncountedProperty().get());
        assertTrue(model.problems().getFirst().reason().startsWith("not a ledger event"));
        assertEquals(3, view.table().getItems().size());

        robot.clickOn(view.table().lookup(".table-row-cell"));
        AccountHistoryModel history = model.history();
        await(() -> !history.rows().isEmpty());
        assertEquals("acct-1", history.selectedAccountProperty().get());
        assertEquals(21, history.rows().size(), "the opening credit and the 20 payments of acct-1");
        assertEquals(model.rows().getFirst().balance(), history.rows().getLast().runningBalance(),
                "the last running balance is the balance at T");
        assertTrue(history.textProperty().get().startsWith("acct-1 at 2024-03-15 10:00:00")
                && history.textProperty().get().contains(" after 21 events"), history.textProperty().get());
        assertEquals(22, history.balanceSeries().getDataCount(), "a point per event, and the line drawn on to the"
                + " instant so that its marker falls on the chart");
        @SuppressWarnings("unchecked")
        TableView<AccountHistory.Row> events = (TableView<AccountHistory.Row>) robot.lookup("#account-events").query();
        assertEquals(model.rows().getFirst().balance(), events.getItems().getFirst().runningBalance(),
                "the events table shows the newest first: its top row holds the balance at T");
        io.fair_acc.chartfx.XYChart chart = robot.lookup(".balance-chart").query();
        assertTrue(chart.getPlugins().stream().anyMatch(p -> p instanceof io.fair_acc.chartfx.plugins.XValueIndicator i
                && i.getText().equals("at 10:00:00") && i.getValue() == T0.plusSeconds(3600).getEpochSecond()),
                "the chart marks the instant");

        robot.interact(() -> {
            model.timeProperty().set("09:00"); // 08:00 UTC: the opening balances only
            model.replay();
        });
        await(() -> history.textProperty().get().startsWith("acct-1 at 2024-03-15 09:00:00"));
        assertTrue(history.textProperty().get().contains(": 1,000.00 after 1 events"), "read again at the new instant: "
                + history.textProperty().get());
        assertEquals(1, history.rows().size());

        robot.interact(() -> model.searchProperty().set("acct-2"));
        await(() -> model.rows().size() == 1);
        assertEquals("acct-2", model.rows().getFirst().account());
    }

    @Test
    void comparesTwoInstantsAndExports(FxRobot robot) throws Exception {
        await(() -> model.rows().size() == 3);
        robot.interact(() -> {
            model.compareProperty().set(true);
            model.compareTimeProperty().set("09:05"); // 08:05 UTC: five payments in
            model.timeProperty().set("09:00");        // 08:00 UTC: the opening balances only
            model.replay();
        });
        await(() -> model.comparingProperty().get() && !model.runningProperty().get());
        BalanceRow first = model.rows().getFirst();
        assertEquals(new BigDecimal("1000.00"), first.balance());
        assertEquals(first.compared().subtract(first.balance()), first.change());
        Path csv = Files.createTempFile("changes", ".csv");
        model.exportCsv(csv);
        await(() -> model.messageProperty().get().startsWith("Saved"));
        assertTrue(Files.readString(csv).startsWith("account,balance at 2024-03-15T08:00:00Z,balance at"
                + " 2024-03-15T08:05:00Z,change\n"), Files.readString(csv));
        Files.delete(csv);
    }

    @Test
    void badInputIsOneSentence(FxRobot robot) throws Exception {
        await(() -> model.rows().size() == 3);
        robot.interact(() -> {
            model.timeProperty().set("9 o'clock");
            model.replay();
        });
        assertTrue(model.messageProperty().get().startsWith("Cannot read the time '9 o'clock'; use HH:mm"),
                model.messageProperty().get());
        robot.interact(() -> {
            model.timeProperty().set("08:00");
            model.replay();
        });
        await(() -> !model.runningProperty().get() && !model.notes().isEmpty());
        assertTrue(model.notes().getFirst().startsWith("No event at or before"), model.notes().toString());
        robot.interact(() -> {
            model.topicProperty().set("nope");
            model.replay();
        });
        await(() -> !model.runningProperty().get() && !model.messageProperty().get().isEmpty());
        assertEquals("Topic nope does not exist.", model.messageProperty().get());
        Label any = robot.lookup(".ledger-message").queryAs(Label.class);
        assertEquals(model.messageProperty().get(), any.getText());
    }
}
