package dev.highwater.ui.ledger;

import dev.highwater.core.Closeables;
import dev.highwater.core.ledger.AccountHistory;
import dev.highwater.core.ledger.AccountHistoryReader;
import dev.highwater.core.ledger.AuditReport;
import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.ledger.LedgerSchemas;
import dev.highwater.core.ledger.LedgerSource;
import dev.highwater.core.ledger.ReplayCancelledException;
import dev.highwater.ui.UiThread;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One account of the Ledger screen at the replayed instant: its latest events (at most {@value #HISTORY_ROWS},
 * with the running balance), a line saying what they add up to, and its balance over time for the chart. Never a
 * Node. Reads run on a thread of their own, with a reader of their own so a replay never waits for them;
 * choosing another account cancels the read under way. Properties change on the UI thread only.
 */
public final class AccountHistoryModel {

    private static final Logger log = LoggerFactory.getLogger(AccountHistoryModel.class);
    public static final int HISTORY_ROWS = 2_000;

    private final Supplier<LedgerSource> sources;
    private final LedgerSchemas schemas;
    private final UiThread ui;
    private final ObservableValue<ZoneId> zone;
    private final ExecutorService historyThread = Background.thread("ledger-history");
    private final AtomicBoolean cancel = new AtomicBoolean();
    private LedgerSource source; // history thread
    private AuditReport replayed; // UI thread: the replay whose instant the history is read at

    // ---- Properties (changed on the UI thread only) ----
    private final ReadOnlyStringWrapper selectedAccount = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<AccountHistory> history = new ReadOnlyObjectWrapper<>();
    private final ObservableList<AccountHistory.Row> rows = FXCollections.observableArrayList();
    // one read-only view: a view made per call could be collected with its listeners still on it
    private final ObservableList<AccountHistory.Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("Select an account to see its events.");
    private final DoubleDataSet balanceSeries = new DoubleDataSet("balance", 0);

    /**
     * @param sources makes a reader of the connection's cluster (called once, on the history thread)
     * @param zone    the zone the screen shows instants in (read on the UI thread)
     */
    AccountHistoryModel(Supplier<LedgerSource> sources, LedgerSchemas schemas, UiThread ui,
                        ObservableValue<ZoneId> zone) {
        this.sources = sources;
        this.schemas = schemas;
        this.ui = ui;
        this.zone = zone;
    }

    // ---- Properties ----

    public ReadOnlyStringProperty selectedAccountProperty() {
        return selectedAccount.getReadOnlyProperty();
    }

    /** The history shown, or null before the first one is read. */
    public ReadOnlyObjectProperty<AccountHistory> historyProperty() {
        return history.getReadOnlyProperty();
    }

    /** The latest events of the selected account, oldest first. */
    public ObservableList<AccountHistory.Row> rows() {
        return rowsView;
    }

    /** The account's balance at the instant and how many events made it, or what is being done or went wrong. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The selected account's balance after each event, x in epoch seconds (written off the UI thread). */
    public DoubleDataSet balanceSeries() {
        return balanceSeries;
    }

    // ---- Commands ----

    /** Reads the account's events up to the replayed instant; nothing before the first replay. */
    public void select(String account) {
        AuditReport at = replayed;
        if (account == null || account.equals(selectedAccount.get()) || at == null) {
            return;
        }
        selectedAccount.set(account);
        text.set("Reading the events of " + account + "…");
        rows.clear();
        cancel.set(true);
        historyThread.execute(() -> read(at.topic(), account, at.at()));
    }

    /** A replay finished: the selected account (if any) is read again at its instant. */
    void replayed(AuditReport report) {
        replayed = report;
        String selected = selectedAccount.get();
        selectedAccount.set(null);
        if (selected != null) {
            select(selected);
        }
    }

    /** Stops the read under way and closes the reader, on the history thread, after what is queued there. */
    void dispose() {
        cancel.set(true);
        historyThread.execute(() -> Closeables.closeQuietly(source));
        historyThread.shutdown();
    }

    // ---- work off the UI thread ----

    private void read(String topic, String account, Instant at) {
        cancel.set(false);
        try {
            if (source == null) {
                source = sources.get();
            }
            AccountHistory h = new AccountHistoryReader(source, schemas).read(topic, account, at, HISTORY_ROWS,
                    LedgerReplay.Listener.NONE, cancel::get);
            double[] x = chartTimes(h);
            double[] y = Arrays.copyOf(h.chartBalances(), x.length);
            if (x.length > h.chartTimes().length) {
                y[x.length - 1] = h.balanceAt().doubleValue();
            }
            balanceSeries.lock().writeLockGuard(() -> balanceSeries.set(x, y, false));
            ui.post(() -> show(account, at, h));
        } catch (ReplayCancelledException e) {
            // another account was chosen
        } catch (RuntimeException e) {
            log.warn("reading the history of {} failed", account, e);
            ui.post(() -> text.set(ScreenText.sentence(e)));
        }
    }

    /**
     * The chart's times in epoch seconds; when the last event came before the instant, the balance is drawn on to
     * the instant, so that the line marking it falls on the chart.
     */
    private static double[] chartTimes(AccountHistory h) {
        long[] t = h.chartTimes();
        long at = h.at().toEpochMilli();
        boolean extend = t.length > 0 && t[t.length - 1] < at;
        double[] x = new double[t.length + (extend ? 1 : 0)];
        for (int i = 0; i < t.length; i++) {
            x[i] = t[i] / 1000.0;
        }
        if (extend) {
            x[t.length] = at / 1000.0;
        }
        return x;
    }

    // ---- UI thread ----

    private void show(String account, Instant at, AccountHistory h) {
        if (!account.equals(selectedAccount.get())) {
            return;
        }
        history.set(h);
        rows.setAll(h.rows());
        text.set(String.format(Locale.ROOT, "%s at %s: %s after %,d events%s%s", account,
                ScreenText.instant(at, zone.getValue()), Decimals.grouped(h.balanceAt()), h.eventsAt(),
                h.rowsNotShown() > 0 ? String.format(Locale.ROOT, " (the latest %,d shown, %,d older not shown)",
                        h.rows().size(), h.rowsNotShown()) : "",
                h.duplicates() > 0 ? String.format(Locale.ROOT, "; %,d redeliveries counted once",
                        h.duplicates()) : ""));
    }
}
