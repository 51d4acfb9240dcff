package dev.highwater.ui.ledger;

import dev.highwater.core.Closeables;
import dev.highwater.core.ledger.AccountHistory;
import dev.highwater.core.ledger.AuditExport;
import dev.highwater.core.ledger.AuditReport;
import dev.highwater.core.ledger.BalanceTable;
import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.ledger.LedgerSchemas;
import dev.highwater.core.ledger.LedgerSource;
import dev.highwater.core.ledger.Problem;
import dev.highwater.core.ledger.ReplayCancelledException;
import dev.highwater.core.ledger.ReplayProgress;
import dev.highwater.core.ledger.SnapshotStore;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiThread;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The Ledger screen's state: the topic and instant(s) asked about, a replay's progress, every account's balance
 * (searchable, sorted here so a million accounts sort as a whole, at most {@value #MAX_ROWS} shown); the
 * selected account's events and chart are {@link #history()}'s. Never a Node. Replays and sorting run on threads
 * of their own; properties change on the UI thread only, progress coalesced to one update per frame.
 */
public final class LedgerModel {

    private static final Logger log = LoggerFactory.getLogger(LedgerModel.class);
    public static final int MAX_ROWS = 5_000;
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public enum SortKey { ACCOUNT, BALANCE, COMPARED, CHANGE }

    private final Supplier<LedgerSource> sources;
    private final LedgerSchemas schemas;
    private final Supplier<SnapshotStore> stores;
    private final UiThread ui;
    private final Clock clock;
    private final ExecutorService replayThread = Background.thread("ledger-replay");
    private final ExecutorService viewThread = Background.thread("ledger-rows");
    private final Coalescer<ReplayProgress> progressUpdates;
    private final AtomicBoolean cancel = new AtomicBoolean();
    private LedgerSource replaySource; // replay thread
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
    private final ReadOnlyStringWrapper balanceTitle = new ReadOnlyStringWrapper("Balance");
    private final ReadOnlyStringWrapper comparedTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper changeTitle = new ReadOnlyStringWrapper("");
    private final AccountHistoryModel history;
    private SortKey sortKey = SortKey.ACCOUNT;
    private boolean ascending = true;

    /**
     * @param sources     makes a reader of the connection's cluster (called on a background thread, twice)
     * @param stores      opens the snapshots file (called once, on the replay thread)
     * @param replayNow   replays {@code topic} at "now" as soon as the screen opens (the demo)
     */
    public LedgerModel(Supplier<LedgerSource> sources, Supplier<SnapshotStore> stores, UiThread ui, Clock clock,
                       String defaultTopic, boolean replayNow) {
        this(sources, stores, LedgerSchemas.NONE, ui, clock, defaultTopic, replayNow);
    }

    /**
     * @param schemas the connection's schema registry, for events framed for one ({@link LedgerSchemas#NONE}: none)
     */
    public LedgerModel(Supplier<LedgerSource> sources, Supplier<SnapshotStore> stores, LedgerSchemas schemas,
                       UiThread ui, Clock clock, String defaultTopic, boolean replayNow) {
        this.sources = sources;
        this.schemas = schemas;
        this.stores = stores;
        this.ui = ui;
        this.clock = clock;
        this.progressUpdates = new Coalescer<>(ui, this::showProgress);
        topic.set(defaultTopic);
        zone.set(clock.getZone());
        this.history = new AccountHistoryModel(sources, schemas, ui, zone);
        setNow();
        compareDate.set(date.get());
        compareTime.set(LocalTime.of(0, 0).format(TIME));
        search.addListener((o, was, is) -> refreshRows());
        refreshTopics();
        if (replayNow) {
            replay();
        }
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

    /** The title of {@link BalanceRow#balance()}'s column: "Balance", or when comparing the earlier instant's. */
    public ReadOnlyStringProperty balanceTitleProperty() {
        return balanceTitle.getReadOnlyProperty();
    }

    /** The title of {@link BalanceRow#compared()}'s column, the later instant's balance (empty when not comparing). */
    public ReadOnlyStringProperty comparedTitleProperty() {
        return comparedTitle.getReadOnlyProperty();
    }

    /** The title of {@link BalanceRow#change()}'s column: the change from the earlier instant to the later. */
    public ReadOnlyStringProperty changeTitleProperty() {
        return changeTitle.getReadOnlyProperty();
    }

    /** The selected account's events and balance chart, read at the (first) instant of the last replay. */
    public AccountHistoryModel history() {
        return history;
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
                ui.post(() -> message.set(ScreenText.sentence(e)));
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
            instants.add(ScreenText.readInstant(date.get(), time.get(), zone.get()));
            if (compare.get()) {
                instants.add(ScreenText.readInstant(compareDate.get(), compareTime.get(), zone.get()));
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

    /** Input the screen could not read (a date, say): the sentence saying why is shown as the message. */
    public void inputNotRead(String sentence) {
        message.set(sentence);
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

    /** Writes the balances (or the changes, when comparing) as CSV; the message says where. */
    public void exportCsv(Path file) {
        export(file, true);
    }

    public void exportJson(Path file) {
        export(file, false);
    }

    /** Writes the selected account's events as CSV; the message says where. */
    public void exportHistoryCsv(Path file) {
        AccountHistory h = history.historyProperty().get();
        if (h != null) {
            write(file, AuditExport.historyCsv(h), h.rows().size() + " events of " + h.account());
        }
    }

    public void dispose() {
        disposed = true;
        cancel.set(true);
        replayThread.execute(() -> {
            Closeables.closeQuietly(replaySource);
            Closeables.closeQuietly(store);
        });
        replayThread.shutdown();
        viewThread.shutdown();
        history.dispose();
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
                    snapshotsOff = "Snapshots are off: " + ScreenText.sentence(e);
                }
            }
            if (replay == null) {
                replay = new LedgerReplay(source(), store, LedgerReplay.Settings.defaults(), schemas);
            }
            List<AuditReport> result = replay.balancesAt(t, instants, progressUpdates::offer, cancel::get);
            List<BalanceRow> all = BalanceRows.of(result);
            reports = result;
            allRows = all;
            List<BalanceRow> shown = BalanceRows.filterAndSort(all, search.get(), sortKey, ascending, MAX_ROWS);
            ui.post(() -> show(result, shown, all.size()));
        } catch (ReplayCancelledException e) {
            ui.post(() -> finish("Cancelled; the balances shown are from the previous replay."));
        } catch (RuntimeException e) {
            log.warn("ledger replay of {} failed", t, e);
            ui.post(() -> finish(ScreenText.sentence(e)));
        }
    }

    private void refreshRows() {
        List<BalanceRow> all = allRows;
        String filter = search.get();
        SortKey key = sortKey;
        boolean asc = ascending;
        viewThread.execute(() -> {
            List<BalanceRow> shown = BalanceRows.filterAndSort(all, filter, key, asc, MAX_ROWS);
            long matching = BalanceRows.countMatching(all, filter);
            ui.post(() -> {
                rows.setAll(shown);
                rowsNotShown.set((int) (matching - shown.size()));
            });
        });
    }

    private void export(Path file, boolean csv) {
        List<AuditReport> r = reports;
        if (r.isEmpty()) {
            message.set("Replay first: there is nothing to export yet.");
            return;
        }
        if (r.size() == 1) {
            write(file, csv ? AuditExport.csv(r.getFirst()) : AuditExport.json(r.getFirst()),
                    "the balances of " + r.getFirst().balances().size() + " accounts");
            return;
        }
        // the same direction as the table: from the earlier instant to the later
        List<AuditReport> fromTo = BalanceRows.chronological(r);
        write(file, csv ? AuditExport.diffCsv(fromTo.get(0), fromTo.get(1))
                : AuditExport.diffJson(fromTo.get(0), fromTo.get(1)), "the changes between the two instants");
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
        progressText.set(ScreenText.progress(p));
    }

    private void show(List<AuditReport> result, List<BalanceRow> shown, int all) {
        if (disposed) {
            return;
        }
        AuditReport r = result.getFirst();
        comparing.set(result.size() > 1);
        if (result.size() > 1) {
            List<AuditReport> fromTo = BalanceRows.chronological(result);
            String[] at = ScreenText.columnInstants(fromTo.get(0).at(), fromTo.get(1).at(), zone.get());
            balanceTitle.set("Balance\nat " + at[0]);
            comparedTitle.set("Balance\nat " + at[1]);
            changeTitle.set("Change\nfrom " + at[0] + "\nto " + at[1]);
        } else {
            balanceTitle.set("Balance");
            comparedTitle.set("");
            changeTitle.set("");
        }
        rows.setAll(shown);
        rowsNotShown.set((int) (BalanceRows.countMatching(allRows, search.get()) - shown.size()));
        BalanceTable b = r.balances();
        summary.set(ScreenText.summary(r, zone.get()));
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
        uncounted.set((int) Math.min(Integer.MAX_VALUE, r.undecodable() + r.unknownType() + r.conflicts()));
        history.replayed(r);
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
        return ScreenText.instant(at, zone.get());
    }
}
