package dev.highwater.ui.tables;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.decode.FilteredDecoder;
import dev.highwater.core.ledger.AuditInstant;
import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.ledger.LedgerSource;
import dev.highwater.core.ledger.ReplayCancelledException;
import dev.highwater.core.ledger.ReplayProgress;
import dev.highwater.core.table.TableAt;
import dev.highwater.core.table.TableDiff;
import dev.highwater.core.table.TableReplay;
import dev.highwater.core.table.TableSnapshotStore;
import dev.highwater.core.text.ErrorText;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiThread;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The Tables screen's state: a keyed topic and an instant (and a second one for the difference), a question's
 * progress, and the answer as rows a search narrows, at most {@value #MAX_ROWS} shown with how many match. Never a
 * Node. The question runs on a thread of its own, the rows (decoded values) on another, so a search never waits for
 * a question; properties change on the UI thread only, progress coalesced to one update per frame.
 */
public final class TablesModel {

    public static final int MAX_ROWS = 1_000;

    private final Supplier<LedgerSource> sources;
    private final Supplier<TableSnapshotStore> stores;
    private final Supplier<FilteredDecoder> decoders;
    private final UiThread ui;
    private final Clock clock;
    private final ExecutorService queryThread = Executors.newSingleThreadExecutor(DaemonThreads.named("table-query"));
    private final ExecutorService rowsThread = Executors.newSingleThreadExecutor(DaemonThreads.named("table-rows"));
    private final Coalescer<ReplayProgress> progressUpdates;
    private final AtomicBoolean cancel = new AtomicBoolean();
    /** The newest search: an older one still running stops. */
    private final AtomicLong searches = new AtomicLong();
    private LedgerSource source; // query thread
    private TableSnapshotStore store; // query thread
    private TableReplay replay; // query thread
    private TableRows rowMaker; // rows thread
    private volatile TableAt answer;
    private volatile TableDiff diff;

    // ---- Properties (changed on the UI thread only) ----
    private final ObservableList<String> topics = FXCollections.observableArrayList();
    private final StringProperty topic = new SimpleStringProperty("");
    private final StringProperty at = new SimpleStringProperty("");
    private final BooleanProperty compare = new SimpleBooleanProperty();
    private final StringProperty compareAt = new SimpleStringProperty("");
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper shown = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper showingDiff = new ReadOnlyBooleanWrapper();
    private final ObservableList<KeyRow> rows = FXCollections.observableArrayList();
    private final ObservableList<KeyRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<ChangeRow> changes = FXCollections.observableArrayList();
    private final ObservableList<ChangeRow> changesView = FXCollections.unmodifiableObservableList(changes);

    /**
     * @param sources  makes a reader of the connection's cluster (called on the query thread)
     * @param stores   opens the saved states' file (called once, on the query thread)
     * @param decoders makes a decoder of keys and values as Messages has them (called on the rows thread)
     */
    public TablesModel(Supplier<LedgerSource> sources, Supplier<TableSnapshotStore> stores,
                       Supplier<FilteredDecoder> decoders, UiThread ui, Clock clock, String defaultTopic) {
        this.sources = sources;
        this.stores = stores;
        this.decoders = decoders;
        this.ui = ui;
        this.clock = clock;
        this.progressUpdates = new Coalescer<>(ui, this::showProgress);
        topic.set(defaultTopic);
        setNow();
        // a few minutes back: an incident's "what changed since" is recent as a rule
        compareAt.set(clock.instant().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES).toString());
        search.addListener((o, was, is) -> refreshRows());
        refreshTopics();
    }

    // ---- Properties ----

    public ObservableList<String> topics() {
        return topics;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    /** The instant asked about: an ISO instant, a date-time with an offset or a [zone], or "now". */
    public StringProperty atProperty() {
        return at;
    }

    /** Whether to show the difference from {@link #compareAtProperty()} to {@link #atProperty()}. */
    public BooleanProperty compareProperty() {
        return compare;
    }

    public StringProperty compareAtProperty() {
        return compareAt;
    }

    /** Narrows the rows to keys whose text or decoded value contains it. */
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

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** What went wrong, in one sentence, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** What the answer is: keys, or keys added, removed and changed; records read and from where. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** How many rows are shown of how many match. */
    public ReadOnlyStringProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** True when the answer is a difference ({@link #changes()}), false for a state ({@link #rows()}). */
    public ReadOnlyBooleanProperty showingDiffProperty() {
        return showingDiff.getReadOnlyProperty();
    }

    public ObservableList<KeyRow> rows() {
        return rowsView;
    }

    public ObservableList<ChangeRow> changes() {
        return changesView;
    }

    // ---- Commands ----

    public void setNow() {
        at.set(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    public void refreshTopics() {
        queryThread.execute(() -> {
            try {
                List<String> found = source().topics();
                ui.post(() -> topics.setAll(found));
            } catch (RuntimeException e) {
                ui.post(() -> message.set(sentence(e)));
            }
        });
    }

    /** Reads the topic's state at the instant, or the difference from the second instant when comparing. */
    public void run() {
        if (running.get()) {
            return;
        }
        Instant when;
        Instant from = null;
        try {
            when = instant("The instant", at.get());
            if (compare.get()) {
                from = instant("The instant to compare with", compareAt.get());
            }
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        String t = topic.get() == null ? "" : topic.get().strip();
        if (t.isEmpty()) {
            message.set("Choose a topic first.");
            return;
        }
        cancel.set(false);
        running.set(true);
        progress.set(-1);
        progressText.set("Reading " + t + "…");
        message.set("");
        Instant since = from;
        queryThread.execute(() -> query(t, when, since));
    }

    public void cancel() {
        cancel.set(true);
    }

    /** Stops the threads and closes the reader and the file once what runs has stopped. */
    public void dispose() {
        cancel.set(true);
        searches.incrementAndGet();
        queryThread.execute(() -> {
            if (source != null) {
                source.close();
            }
            if (store != null) {
                store.close();
            }
        });
        queryThread.shutdown();
        rowsThread.shutdown();
    }

    // ---- Work ----

    private Instant instant(String what, String text) {
        try {
            return AuditInstant.parse(text, clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage() + ".");
        }
    }

    private LedgerSource source() {
        if (source == null) {
            source = sources.get();
        }
        return source;
    }

    private void query(String t, Instant when, Instant from) {
        // the previous answer goes before the next is read: a million keys twice would not fit the console's heap
        answer = null;
        diff = null;
        try {
            if (replay == null) {
                try {
                    store = stores.get();
                } catch (RuntimeException e) {
                    // the answer does not need the saved states, it only goes faster with them
                    store = TableSnapshotStore.NONE;
                    String why = sentence(e);
                    ui.post(() -> message.set("Saved states are off: " + why));
                }
                replay = new TableReplay(source(), store, TableReplay.Settings.defaults());
            }
            LedgerReplay.Listener listener = progressUpdates::offer;
            if (from == null) {
                TableAt a = replay.at(t, when, listener, cancel::get);
                answer = a;
                diff = null;
                String text = String.format(Locale.ROOT, "%s at %s: %,d keys · %s", t, when, a.size(), how(a));
                ui.post(() -> finished(text, false, a.notes()));
            } else {
                TableDiff d = replay.diff(t, from, when, listener, cancel::get);
                diff = d;
                answer = null;
                String text = String.format(Locale.ROOT, "%s from %s to %s: %,d added, %,d removed, %,d changed"
                        + " · %s", t, d.before().at(), d.after().at(), d.added(), d.removed(), d.changed(),
                        how(d.after()));
                ui.post(() -> finished(text, true, d.after().notes()));
            }
        } catch (ReplayCancelledException e) {
            ui.post(() -> {
                running.set(false);
                progressText.set("Cancelled; the rows shown are from the previous answer.");
            });
        } catch (RuntimeException e) {
            String why = sentence(e);
            ui.post(() -> {
                running.set(false);
                progressText.set("");
                message.set(why);
            });
        }
    }

    private static String how(TableAt a) {
        return String.format(Locale.ROOT, "read %,d records in %.1f s%s", a.stats().recordsRead(), a.stats().seconds(),
                a.stats().fromSnapshot() > 0 ? " from a saved state" : "");
    }

    private void finished(String text, boolean isDiff, List<String> notes) {
        running.set(false);
        progress.set(1);
        progressText.set("");
        summary.set(text);
        if (!notes.isEmpty()) {
            message.set(String.join(" ", notes));
        }
        showingDiff.set(isDiff);
        refreshRows();
    }

    private void showProgress(ReplayProgress p) {
        if (!running.get()) {
            return;
        }
        progress.set(p.total() <= 0 ? -1 : p.fraction());
        progressText.set(String.format(Locale.ROOT, "%,d of %,d records · %,.0f records/s%s", p.done(), p.total(),
                p.perSecond(), Double.isNaN(p.secondsLeft()) ? ""
                        : String.format(Locale.ROOT, " · %.0f s left", p.secondsLeft())));
    }

    /** Makes the rows of the answer the search keeps, on the rows thread; a newer search stops this one. */
    private void refreshRows() {
        long mine = searches.incrementAndGet();
        TableAt a = answer;
        TableDiff d = diff;
        String s = search.get();
        rowsThread.execute(() -> {
            if (searches.get() != mine) {
                return;
            }
            if (rowMaker == null) {
                rowMaker = new TableRows(decoders.get());
            }
            if (d != null) {
                TableRows.Found<ChangeRow> found = rowMaker.rows(d, s, MAX_ROWS, () -> searches.get() != mine);
                ui.post(() -> {
                    if (searches.get() == mine) {
                        rows.clear();
                        changes.setAll(found.rows());
                        shown.set(shownText(found.rows().size(), found.matched(), d.size()));
                    }
                });
            } else if (a != null) {
                TableRows.Found<KeyRow> found = rowMaker.rows(a, s, MAX_ROWS, () -> searches.get() != mine);
                ui.post(() -> {
                    if (searches.get() == mine) {
                        changes.clear();
                        rows.setAll(found.rows());
                        shown.set(shownText(found.rows().size(), found.matched(), a.size()));
                    }
                });
            }
        });
    }

    static String shownText(int shownRows, int matched, int all) {
        String of = matched == all ? String.format(Locale.ROOT, "%,d", all)
                : String.format(Locale.ROOT, "%,d matching of %,d", matched, all);
        return shownRows < matched ? String.format(Locale.ROOT, "first %,d shown of %s", shownRows, of)
                : String.format(Locale.ROOT, "%s shown", of);
    }

    private static String sentence(RuntimeException e) {
        return ErrorText.oneLine(e);
    }
}
