package dev.highwater.ui.ledger;

import dev.highwater.core.ledger.AccountHistory;
import dev.highwater.core.ledger.AccountHistoryReader;
import dev.highwater.core.ledger.AuditExport;
import dev.highwater.core.ledger.AuditReport;
import dev.highwater.core.ledger.BalanceTable;
import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.ledger.LedgerSource;
import dev.highwater.core.ledger.Problem;
import dev.highwater.core.ledger.ReplayCancelledException;
import dev.highwater.core.ledger.ReplayProgress;
import dev.highwater.core.ledger.SnapshotStore;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiThread;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The Ledger screen's state: the topic and instant(s) asked about, a replay's progress, every account's balance
 * (searchable, sorted here so a million accounts sort as a whole, at most {@value #MAX_ROWS} shown), one
 * account's history and chart. Never a Node. Replays, history reads and sorting run on threads of their own;
 * properties change on the UI thread only, progress coalesced to one update per frame.
 */
public final class LedgerModel {

    private static final Logger log = LoggerFactory.getLogger(LedgerModel.class);
    public static final int MAX_ROWS = 5_000;
    public static final int HISTORY_ROWS = 2_000;
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public enum SortKey { ACCOUNT, BALANCE, COMPARED, CHANGE }

    private final Supplier<LedgerSource> sources;
    private final Supplier<SnapshotStore> stores;
    private final UiThread ui;
    private final Clock clock;
    private final ExecutorService replayThread = daemon("ledger-replay");
    private final ExecutorService historyThread = daemon("ledger-history");
    private final ExecutorService viewThread = daemon("ledger-rows");
    private final Coalescer<ReplayProgress> progressUpdates;
    private final AtomicBoolean cancel = new AtomicBoolean();
    private final AtomicBoolean cancelHistory = new AtomicBoolean();
    private LedgerSource replaySource; // replay thread
    private LedgerSource historySource; // history thread
    private SnapshotStore store; // replay thread
    private LedgerReplay replay; // replay thread
    private volatile List<BalanceRow> allRows = List.of();
    private volatile List<AuditReport> reports = List.of();
    private volatile boolean disposed;
    private volatile String snapshotsOff;

    // ---- Properties (changed on the UI thread only) ----
    private final ObservableList<String> topics = FXCollections.observableArrayList();
    private final StringProperty topic = new SimpleStringProperty();
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    private final StringProperty time = new SimpleStringProperty();
    private final ObjectProperty<ZoneId> zone = new SimpleObjectProperty<>();
    private final BooleanProperty compare = new SimpleBooleanProperty();
    private final ObjectProperty<LocalDate> compareDate = new SimpleObjectProperty<>();
    private final StringProperty compareTime = new SimpleStringProperty();
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    // one read-only view each: a view made per call could be collected with its listeners still on it
    private final ObservableList<String> notesView = FXCollections.unmodifiableObservableList(notes);
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyIntegerWrapper uncounted = new ReadOnlyIntegerWrapper();
    private final ObservableList<BalanceRow> rows = FXCollections.observableArrayList();
    private final ObservableList<BalanceRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyIntegerWrapper rowsNotShown = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper comparing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper selectedAccount = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<AccountHistory> history = new ReadOnlyObjectWrapper<>();
    private final ObservableList<AccountHistory.Row> historyRows = FXCollections.observableArrayList();
    private final ObservableList<AccountHistory.Row> historyRowsView =
            FXCollections.unmodifiableObservableList(historyRows);
    private final ReadOnlyStringWrapper historyText = new ReadOnlyStringWrapper("Select an account to see its events.");
    private final DoubleDataSet balanceSeries = new DoubleDataSet("balance", 0);
    private SortKey sortKey = SortKey.ACCOUNT;
    private boolean ascending = true;

    /**
     * @param sources     makes a reader of the connection's cluster (called on a background thread, twice)
     * @param stores      opens the snapshots file (called once, on the replay thread)
     * @param replayNow   replays {@code topic} at "now" as soon as the screen opens (the demo)
     */
    public LedgerModel(Supplier<LedgerSource> sources, Supplier<SnapshotStore> stores, UiThread ui, Clock clock,
                       String defaultTopic, boolean replayNow) {
        this.sources = sources;
        this.stores = stores;
        this.ui = ui;
        this.clock = clock;
        this.progressUpdates = new Coalescer<>(ui, this::showProgress);
        topic.set(defaultTopic);
        zone.set(clock.getZone());
        setNow();
        compareDate.set(date.get());
        compareTime.set(LocalTime.of(0, 0).format(TIME));
        search.addListener((o, was, is) -> refreshRows());
        refreshTopics();
        if (replayNow) {
            replay();
        }
    }

    private static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    // ---- Properties ----

    public ObservableList<String> topics() {
        return topics;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public ObjectProperty<LocalDate> dateProperty() {
        return date;
    }

    /** The time of day, HH:mm or HH:mm:ss, in {@link #zoneProperty()}. */
    public StringProperty timeProperty() {
        return time;
    }

    public ObjectProperty<ZoneId> zoneProperty() {
        return zone;
    }

    public BooleanProperty compareProperty() {
        return compare;
    }

    public ObjectProperty<LocalDate> compareDateProperty() {
        return compareDate;
    }

    public StringProperty compareTimeProperty() {
        return compareTime;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the size of the work is not known yet. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Events/s and time left while replaying. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** What went wrong, in one sentence, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The sum over all accounts, with what it means. */
    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ObservableList<String> notes() {
        return notesView;
    }

    public ObservableList<Problem> problems() {
        return problemsView;
    }

    /** Records not counted (undecodable or of an unknown type), of which {@link #problems()} lists the first. */
    public ReadOnlyIntegerProperty uncountedProperty() {
        return uncounted.getReadOnlyProperty();
    }

    public ObservableList<BalanceRow> rows() {
        return rowsView;
    }

    public ReadOnlyIntegerProperty rowsNotShownProperty() {
        return rowsNotShown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty comparingProperty() {
        return comparing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedAccountProperty() {
        return selectedAccount.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AccountHistory> historyProperty() {
        return history.getReadOnlyProperty();
    }

    public ObservableList<AccountHistory.Row> historyRows() {
        return historyRowsView;
    }

    public ReadOnlyStringProperty historyTextProperty() {
        return historyText.getReadOnlyProperty();
    }

    /** The selected account's balance after each event, x in epoch seconds (written off the UI thread). */
    public DoubleDataSet balanceSeries() {
        return balanceSeries;
    }

    // ---- Commands ----

    public void setNow() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone.get());
        date.set(now.toLocalDate());
        time.set(now.toLocalTime().format(TIME));
    }

    public void refreshTopics() {
        replayThread.execute(() -> {
            try {
                List<String> found = source().topics();
                ui.post(() -> topics.setAll(found));
            } catch (RuntimeException e) {
                ui.post(() -> message.set(sentence(e)));
            }
        });
    }

    /** Replays the topic at the chosen instant (and the second one when comparing). */
    public void replay() {
        if (running.get()) {
            return;
        }
        List<Instant> instants = new ArrayList<>();
        try {
            instants.add(instant(date.get(), time.get()));
            if (compare.get()) {
                instants.add(instant(compareDate.get(), compareTime.get()));
            }
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        String t = topic.get() == null ? "" : topic.get().strip();
        if (t.isEmpty()) {
            message.set("Choose a ledger topic first.");
            return;
        }
        cancel.set(false);
        running.set(true);
        progress.set(-1);
        progressText.set("Reading " + t + "…");
        message.set("");
        replayThread.execute(() -> run(t, instants));
    }

    public void cancel() {
        cancel.set(true);
    }

    /** Sorts all accounts (not only those shown) and shows the first {@value #MAX_ROWS}. */
    public void sortBy(SortKey key, boolean ascendingOrder) {
        sortKey = key;
        ascending = ascendingOrder;
        refreshRows();
    }

    public void selectAccount(String account) {
        if (account == null || account.equals(selectedAccount.get()) || reports.isEmpty()) {
            return;
        }
        selectedAccount.set(account);
        AuditReport at = reports.getFirst();
        historyText.set("Reading the events of " + account + "…");
        historyRows.clear();
        cancelHistory.set(true);
        historyThread.execute(() -> readHistory(at.topic(), account, at.at()));
    }

    /** Writes the balances (or the changes, when comparing) as CSV; the message says where. */
    public void exportCsv(Path file) {
        export(file, true);
    }

    public void exportJson(Path file) {
        export(file, false);
    }

    public void exportHistoryCsv(Path file) {
        AccountHistory h = history.get();
        if (h != null) {
            write(file, AuditExport.historyCsv(h), h.rows().size() + " events of " + h.account());
        }
    }

    public void dispose() {
        disposed = true;
        cancel.set(true);
        cancelHistory.set(true);
        replayThread.execute(() -> {
            closeQuietly(replaySource);
            closeQuietly(store);
        });
        historyThread.execute(() -> closeQuietly(historySource));
        replayThread.shutdown();
        historyThread.shutdown();
        viewThread.shutdown();
    }

    // ---- work off the UI thread ----

    private LedgerSource source() {
        if (replaySource == null) {
            replaySource = sources.get();
        }
        return replaySource;
    }

    private void run(String t, List<Instant> instants) {
        try {
            if (store == null) {
                try {
                    store = stores.get();
                } catch (RuntimeException e) {
                    // replays still answer, only without snapshots (the file may be held by another instance)
                    store = SnapshotStore.NONE;
                    snapshotsOff = "Snapshots are off: " + sentence(e);
                }
            }
            if (replay == null) {
                replay = new LedgerReplay(source(), store, LedgerReplay.Settings.defaults());
            }
            List<AuditReport> result = replay.balancesAt(t, instants, progressUpdates::offer, cancel::get);
            List<BalanceRow> all = rows(result);
            reports = result;
            allRows = all;
            List<BalanceRow> shown = filterAndSort(all);
            ui.post(() -> show(result, shown, all.size()));
        } catch (ReplayCancelledException e) {
            ui.post(() -> finish("Cancelled; the balances shown are from the previous replay."));
        } catch (RuntimeException e) {
            log.warn("ledger replay of {} failed", t, e);
            ui.post(() -> finish(sentence(e)));
        }
    }

    private static List<BalanceRow> rows(List<AuditReport> result) {
        BalanceTable a = result.getFirst().balances();
        List<BalanceRow> out = new ArrayList<>(a.size());
        if (result.size() == 1) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new BalanceRow(a.account(i), a.balance(i), null, null));
            }
            return out;
        }
        BalanceTable b = result.get(1).balances();
        java.util.TreeSet<String> accounts = new java.util.TreeSet<>();
        for (int i = 0; i < a.size(); i++) {
            accounts.add(a.account(i));
        }
        for (int i = 0; i < b.size(); i++) {
            accounts.add(b.account(i));
        }
        for (String acc : accounts) {
            BigDecimal x = a.balanceOf(acc);
            BigDecimal y = b.balanceOf(acc);
            out.add(new BalanceRow(acc, x, y, y.subtract(x)));
        }
        return out;
    }

    private void refreshRows() {
        List<BalanceRow> all = allRows;
        String filter = search.get();
        SortKey key = sortKey;
        boolean asc = ascending;
        viewThread.execute(() -> {
            List<BalanceRow> shown = filterAndSort(all, filter, key, asc);
            long matching = countMatching(all, filter);
            ui.post(() -> {
                rows.setAll(shown);
                rowsNotShown.set((int) (matching - shown.size()));
            });
        });
    }

    private List<BalanceRow> filterAndSort(List<BalanceRow> all) {
        return filterAndSort(all, search.get(), sortKey, ascending);
    }

    private static long countMatching(List<BalanceRow> all, String filter) {
        String f = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        return f.isEmpty() ? all.size() : all.stream().filter(r -> r.account().toLowerCase(Locale.ROOT).contains(f)).count();
    }

    static List<BalanceRow> filterAndSort(List<BalanceRow> all, String filter, SortKey key, boolean asc) {
        String f = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        Comparator<BalanceRow> order = switch (key) {
            case ACCOUNT -> Comparator.comparing(BalanceRow::account);
            case BALANCE -> Comparator.comparing(BalanceRow::balance).thenComparing(BalanceRow::account);
            case COMPARED -> Comparator.comparing((BalanceRow r) -> r.compared() == null ? BigDecimal.ZERO : r.compared())
                    .thenComparing(BalanceRow::account);
            case CHANGE -> Comparator.comparing((BalanceRow r) -> r.change() == null ? BigDecimal.ZERO : r.change())
                    .thenComparing(BalanceRow::account);
        };
        if (!asc) {
            order = order.reversed();
        }
        return all.stream().filter(r -> f.isEmpty() || r.account().toLowerCase(Locale.ROOT).contains(f))
                .sorted(order).limit(MAX_ROWS).toList();
    }

    private void readHistory(String t, String account, Instant at) {
        cancelHistory.set(false);
        try {
            if (historySource == null) {
                historySource = sources.get();
            }
            AccountHistory h = new AccountHistoryReader(historySource).read(t, account, at, HISTORY_ROWS,
                    LedgerReplay.Listener.NONE, cancelHistory::get);
            double[] x = new double[h.chartTimes().length];
            for (int i = 0; i < x.length; i++) {
                x[i] = h.chartTimes()[i] / 1000.0;
            }
            balanceSeries.lock().writeLockGuard(() -> balanceSeries.set(x, h.chartBalances(), false));
            ui.post(() -> {
                if (!account.equals(selectedAccount.get())) {
                    return;
                }
                history.set(h);
                historyRows.setAll(h.rows());
                historyText.set(String.format(Locale.ROOT, "%s at %s: %s after %,d events%s%s", account,
                        format(at), Decimals.grouped(h.balanceAt()), h.eventsAt(),
                        h.rowsNotShown() > 0 ? String.format(Locale.ROOT, " (the latest %,d shown, %,d older not shown)",
                                h.rows().size(), h.rowsNotShown()) : "",
                        h.duplicates() > 0 ? String.format(Locale.ROOT, "; %,d redeliveries counted once",
                                h.duplicates()) : ""));
            });
        } catch (ReplayCancelledException e) {
            // another account was chosen
        } catch (RuntimeException e) {
            log.warn("reading the history of {} failed", account, e);
            ui.post(() -> historyText.set(sentence(e)));
        }
    }

    private void export(Path file, boolean csv) {
        List<AuditReport> r = reports;
        if (r.isEmpty()) {
            message.set("Replay first: there is nothing to export yet.");
            return;
        }
        String text = r.size() == 1 ? (csv ? AuditExport.csv(r.getFirst()) : AuditExport.json(r.getFirst()))
                : (csv ? AuditExport.diffCsv(r.getFirst(), r.get(1)) : AuditExport.diffJson(r.getFirst(), r.get(1)));
        write(file, text, r.size() == 1 ? "the balances of " + r.getFirst().balances().size() + " accounts"
                : "the changes between the two instants");
    }

    private void write(Path file, String text, String what) {
        viewThread.execute(() -> {
            try {
                Files.writeString(file, text);
                ui.post(() -> message.set("Saved " + what + " to " + file + "."));
            } catch (IOException e) {
                ui.post(() -> message.set("Could not write " + file + ": " + e.getMessage()));
            }
        });
    }

    // ---- UI thread ----

    private void showProgress(ReplayProgress p) {
        if (!running.get()) {
            return;
        }
        progress.set(p.total() == 0 ? -1 : p.fraction());
        progressText.set(String.format(Locale.ROOT, "%,.0f events/s · %,d of %,d records · %s left", p.perSecond(),
                p.done(), p.total(), Double.isFinite(p.secondsLeft()) ? seconds(p.secondsLeft()) : "…"));
    }

    private static String seconds(double s) {
        return s < 90 ? String.format(Locale.ROOT, "%.0f s", Math.ceil(s))
                : String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }

    private void show(List<AuditReport> result, List<BalanceRow> shown, int all) {
        if (disposed) {
            return;
        }
        AuditReport r = result.getFirst();
        comparing.set(result.size() > 1);
        rows.setAll(shown);
        rowsNotShown.set((int) (countMatching(allRows, search.get()) - shown.size()));
        BalanceTable b = r.balances();
        summary.set(String.format(Locale.ROOT, "%,d accounts at %s · %,d events · %,d redeliveries counted once · "
                        + "%,d undecodable · %,d of an unknown type · read %,d records in %.1f s%s", b.size(),
                format(r.at()), r.events(), r.duplicates(), r.undecodable(), r.unknownType(),
                r.stats().recordsRead(), r.stats().seconds(),
                r.stats().fromSnapshot() > 0 ? " (from a snapshot)" : ""));
        String sum = "Sum over all accounts: " + Decimals.grouped(b.total())
                + " (payments move money between accounts, so only new money changes it)";
        if (result.size() > 1) {
            sum += " · at " + format(result.get(1).at()) + ": " + Decimals.grouped(result.get(1).balances().total());
        }
        total.set(sum);
        notes.setAll(result.size() > 1 ? merge(r.notes(), result.get(1).notes()) : r.notes());
        if (snapshotsOff != null) {
            notes.add(snapshotsOff);
        }
        problems.setAll(r.problems());
        uncounted.set((int) Math.min(Integer.MAX_VALUE, r.undecodable() + r.unknownType()));
        String selected = selectedAccount.get();
        selectedAccount.set(null);
        if (selected != null) {
            selectAccount(selected);
        }
        finish("");
    }

    private static List<String> merge(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.stream().filter(n -> !out.contains(n)).forEach(out::add);
        return out;
    }

    private void finish(String text) {
        running.set(false);
        progress.set(0);
        progressText.set("");
        message.set(text);
    }

    private String format(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").format(at.atZone(zone.get()));
    }

    private Instant instant(LocalDate day, String clockTime) {
        if (day == null) {
            throw new IllegalArgumentException("Choose a date.");
        }
        LocalTime t;
        try {
            t = LocalTime.parse(clockTime == null ? "" : clockTime.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Cannot read the time '" + clockTime + "'; use HH:mm or HH:mm:ss,"
                    + " e.g. 09:00 or 09:00:30.");
        }
        return day.atTime(t).atZone(zone.get()).toInstant();
    }

    private static String sentence(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.lines().findFirst().orElse(m);
        return Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : ".");
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.debug("closing {}", c, e);
        }
    }
}
