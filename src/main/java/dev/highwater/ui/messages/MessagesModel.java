package dev.highwater.ui.messages;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.connect.GrpcTls;
import dev.highwater.core.decode.DecodePipeline;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.decode.DecoderChoice;
import dev.highwater.core.decode.ProtoShape;
import dev.highwater.core.decode.RecordExport;
import dev.highwater.core.decode.RecordFilter;
import dev.highwater.core.decode.RecordRendering;
import dev.highwater.core.decode.RowBuffer;
import dev.highwater.core.decode.TypeSet;
import dev.highwater.core.grpc.ReflectedSchemas;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.tail.LiveTail;
import dev.highwater.core.tail.TailException;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailSource;
import dev.highwater.core.tail.TailStart;
import dev.highwater.core.tail.TailStatus;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiTasks;
import dev.highwater.ui.UiThread;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Messages screen's state: what is tailed (topic, partition, start, decoders), the filter, the live rows (the
 * newest {@link #capacityProperty()} of them, newest first by record time, with what is not shown and the time
 * they span), the undecodable records kept apart, and the selected record's detail; where the types come from is
 * its {@link SchemaSourcesModel}. It never holds a Node. It reads through a {@link TailSource}; reading, decoding,
 * schema loading and exports run on its own threads (one serial lane for work whose order matters, such as closing
 * a tail before the next starts, and one timer for publishing); the rows reach the UI thread at most four times a
 * second, coalesced.
 */
public final class MessagesModel {

    /** Rows the live table keeps at first; older ones are counted as not shown. */
    public static final int CAPACITY = 5_000;
    /** The sizes the user may pick, up to the most the heap allows ({@link RowBuffer#MAX_CAPACITY}). */
    public static final List<Integer> CAPACITY_CHOICES = List.of(1_000, CAPACITY, 20_000, RowBuffer.MAX_CAPACITY);
    /** Newest record time first; records of one time keep the order they were read in, newest first. */
    static final Comparator<DecodedRecord> NEWEST_TIME_FIRST =
            Comparator.comparingLong((DecodedRecord r) -> r.raw().timestamp()).reversed();
    static final long PUBLISH_MILLIS = 250;

    /** Where a tail starts, as the screen offers it. */
    public enum StartAt { END, BEGINNING, OFFSET, INSTANT }

    /**
     * What one publish brings to the UI thread, as of one moment: the rows by time, the undecodable records kept
     * apart, the counts and the tail's state.
     */
    private record Update(List<DecodedRecord> rows, List<DecodedRecord> undecodable, String counts, String state) {
    }

    private final TailSource source;
    private final SchemaRegistry registry; // the connection's, or null
    private final UiThread ui;
    private final ExecutorService background;
    private final ScheduledExecutorService publisher;
    private final Coalescer<Update> updates;
    private final UiTasks uiTasks;
    private final SchemaSourcesModel schemaSources;
    private final WindowSearchModel windowSearch;
    private volatile LiveTail tail;
    private volatile String tailState = "";
    private volatile long lastRead = -1; // reset by other threads to make the next publish happen
    private String lastState = ""; // the state last published; publisher thread
    private final AtomicLong updatesOffered = new AtomicLong();
    private volatile boolean disposed;
    private volatile boolean startAsked; // a start was asked for: the first topic is not opened in its place
    private final FrameGovernor governor = new FrameGovernor(System::nanoTime);
    private volatile int capacity = CAPACITY;
    private Update shown; // the update the table shows; UI thread
    private DecodedRecord selected; // the record asked for in the detail pane; UI thread
    private boolean replacing; // the rows are being replaced; UI thread

    // ---- Properties (changed on the UI thread only) ----
    private final ObservableList<String> topics = FXCollections.observableArrayList();
    private final ObservableList<DecodedRecord> rows = FXCollections.observableArrayList();
    private final ObservableList<DecodedRecord> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper topic = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Integer> partitionCount = new ReadOnlyObjectWrapper<>(0);
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper filterProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<MessageDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper valueDecoder = new ReadOnlyStringWrapper("auto");
    private final ReadOnlyObjectWrapper<Integer> capacityShown = new ReadOnlyObjectWrapper<>(CAPACITY);
    private final BooleanProperty showUndecodable = new SimpleBooleanProperty();
    private final ReadOnlyIntegerWrapper undecodableKept = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper detailInTable = new ReadOnlyBooleanWrapper(true);

    public MessagesModel(TailSource source, String grpcTarget, SchemaCatalog schemas, UiThread ui, boolean demo) {
        this(source, grpcTarget, null, null, schemas, ui, demo);
    }

    /**
     * @param source     the connection's topics
     * @param grpcTls    how the connection's profile reaches its gRPC backend (null: plaintext)
     * @param reflection loads the backend's types over reflection (null: none to load from)
     */
    public MessagesModel(TailSource source, String grpcTarget, GrpcTls grpcTls, ReflectedSchemas reflection,
                         SchemaCatalog schemas, UiThread ui, boolean demo) {
        this(source, grpcTarget, grpcTls, reflection, schemas, null, ui, demo);
    }

    /**
     * @param registry the connection's schema registry, by which framed records are read (null: none)
     */
    public MessagesModel(TailSource source, String grpcTarget, GrpcTls grpcTls, ReflectedSchemas reflection,
                         SchemaCatalog schemas, SchemaRegistry registry, UiThread ui, boolean demo) {
        this.source = source;
        this.registry = registry;
        this.ui = ui;
        this.background = Executors.newSingleThreadExecutor(DaemonThreads.named("messages-work"));
        this.publisher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("messages-publish"));
        this.updates = new Coalescer<>(ui, this::apply);
        this.uiTasks = new UiTasks(ui);
        showUndecodable.addListener((o, was, is) -> {
            if (shown != null) {
                apply(shown);
            }
        });
        this.schemaSources = new SchemaSourcesModel(schemas, grpcTarget, grpcTls, reflection, background, uiTasks, ui,
                notice::set);
        this.windowSearch = new WindowSearchModel(source, registry, schemaSources::types, () -> capacity,
                java.time.ZoneId.systemDefault(), ui);
        publisher.scheduleWithFixedDelay(this::publish, PUBLISH_MILLIS, PUBLISH_MILLIS, TimeUnit.MILLISECONDS);
        background.execute(() -> loadTopics(demo));
    }

    // ---- Properties ----

    public ObservableList<String> topics() {
        return topics;
    }

    public ReadOnlyStringProperty topicProperty() {
        return topic.getReadOnlyProperty();
    }

    /** Partitions of the selected topic (0 while unknown). */
    public ReadOnlyObjectProperty<Integer> partitionCountProperty() {
        return partitionCount.getReadOnlyProperty();
    }

    /** The schema sources: where the types the tail decodes with come from. */
    public SchemaSourcesModel schemaSources() {
        return schemaSources;
    }

    /** The search of a window of time in Kafka, beside the live tail: same topic, decoders and table size. */
    public WindowSearchModel windowSearch() {
        return windowSearch;
    }

    /**
     * The table's rows: the live rows, newest record time first, at most {@link #capacityProperty()}; or while
     * {@link #showUndecodableProperty()} is set, the undecodable records kept apart, newest first.
     */
    public ObservableList<DecodedRecord> rows() {
        return rowsView;
    }

    /** Read, matched by the filter, in the table and the time it spans, and the poison pills per partition. */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** What the tail is doing (reading, caught up, paused, the broker gone), one sentence. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The last thing the user should know about (a bad input, an export done), or null. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty filterProblemProperty() {
        return filterProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MessageDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** How many rows the table keeps. */
    public ReadOnlyObjectProperty<Integer> capacityProperty() {
        return capacityShown.getReadOnlyProperty();
    }

    /** Set: the table shows the undecodable records kept apart instead of the live rows. */
    public BooleanProperty showUndecodableProperty() {
        return showUndecodable;
    }

    /**
     * Undecodable records kept apart (at most {@link RowBuffer#UNDECODABLE_CAPACITY}); newer rows do not push
     * them out, only newer undecodable ones.
     */
    public ReadOnlyIntegerProperty undecodableKeptProperty() {
        return undecodableKept.getReadOnlyProperty();
    }

    /**
     * False once the record in the detail pane has left the table (newer rows pushed it out, or the filter or the
     * undecodable list hides it): the pane keeps it and says so.
     */
    public ReadOnlyBooleanProperty detailInTableProperty() {
        return detailInTable.getReadOnlyProperty();
    }

    /** The value decoder in use: auto, json, text, hex or a type's full name. */
    public ReadOnlyStringProperty valueDecoderProperty() {
        return valueDecoder.getReadOnlyProperty();
    }

    // ---- Commands ----

    /**
     * (Re)starts the tail as the form asks: a topic, a partition or all, where to start, the decoders, the types
     * of schema-registry ids and the filter. Bad input is one sentence in {@link #noticeProperty()}, or for the
     * condition in {@link #filterProblemProperty()}, and changes nothing.
     */
    public void start(TailForm form) {
        if (disposed) {
            return;
        }
        String topicName = form.topic();
        if (topicName == null || topicName.isBlank()) {
            notice.set("Pick a topic to tail.");
            return;
        }
        TailStart start;
        DecoderChoice values;
        DecoderChoice keys;
        Map<Integer, String> registry;
        try {
            start = TailInput.start(form.at(), form.atText());
            values = DecoderChoice.parse(form.valueDecoder() == null ? "auto" : form.valueDecoder());
            registry = TailInput.registryIds(form.registryIds());
            keys = DecoderChoice.parse(form.keyDecoder() == null ? "auto" : form.keyDecoder());
        } catch (IllegalArgumentException e) {
            notice.set(e.getMessage());
            return;
        }
        startAsked = true;
        TailRequest request = new TailRequest(topicName, form.partition(), start, true, 0);
        String keyText = form.keyText();
        String text = form.text();
        String condition = form.condition();
        if (condition == null || condition.isBlank()) {
            filterProblem.set(null); // the key and text filters are plain text: nothing to parse
            begin(request, keys, values, registry, new RecordFilter(Set.of(), keyText, text, null));
            return;
        }
        // a condition is parsed off the UI thread; the tail (re)starts once it is known to be good, and a bad
        // one changes nothing but the filter problem shown
        background.execute(() -> {
            RecordFilter filter = parsed(keyText, text, condition);
            if (filter != null) {
                ui.post(() -> begin(request, keys, values, registry, filter));
            }
        });
    }

    /** Applies a filter to the rows kept and to the records read from now on; parsed off the UI thread. */
    public void applyFilter(String keyText, String text, String condition) {
        if (disposed) {
            return;
        }
        background.execute(() -> {
            RecordFilter filter = parsed(keyText, text, condition);
            LiveTail t = tail;
            if (filter != null && t != null) {
                t.pipeline().setFilter(filter);
                lastRead = -1;
            }
        });
    }

    /** Shows the tail as started and starts it in the background. */
    private void begin(TailRequest request, DecoderChoice keys, DecoderChoice values,
                       Map<Integer, String> registryTypes, RecordFilter filter) {
        if (disposed) {
            return;
        }
        notice.set(null);
        valueDecoder.set(values.toString());
        topic.set(request.topic());
        paused.set(false);
        detail.set(null);
        selected = null;
        detailInTable.set(true);
        shown = null;
        rows.clear();
        undecodableKept.set(0);
        TypeSet t = schemaSources.types();
        background.execute(() -> startTail(request, new DecodePipeline.Settings(t, keys, values, registryTypes, filter,
                capacity, DecodePipeline.Settings.defaultWorkers(), registry)));
    }

    public void pause() {
        LiveTail t = tail;
        if (t != null) {
            t.pause();
            paused.set(true);
        }
    }

    public void resume() {
        LiveTail t = tail;
        if (t != null) {
            t.resume();
            paused.set(false);
        }
    }

    /**
     * Keeps the newest {@code rows} rows from now on (one of {@link #CAPACITY_CHOICES}, or any size up to
     * {@link RowBuffer#MAX_CAPACITY}); the running tail keeps its rows up to the new size.
     */
    public void setCapacity(int rows) {
        if (rows < 1 || rows > RowBuffer.MAX_CAPACITY) {
            notice.set(String.format(Locale.ROOT, "The table keeps from 1 to %,d rows.", RowBuffer.MAX_CAPACITY));
            return;
        }
        capacity = rows;
        capacityShown.set(rows);
        background.execute(() -> {
            LiveTail t = tail;
            if (t != null) {
                t.rows().resize(rows);
                lastRead = -1;
            }
        });
    }

    /** Shows a record in the detail pane (its tree and sizes are made off the UI thread). */
    public void select(DecodedRecord r) {
        selected = r;
        detailInTable.set(true);
        if (r == null) {
            detail.set(null);
            return;
        }
        RecordRendering rr = schemaSources.rendering();
        ProtoShape jsonType = jsonTypeOf(r);
        background.execute(() -> {
            MessageDetail d = MessageDetail.of(r, rr, jsonType);
            uiTasks.offer(() -> {
                if (selected == r) { // not a record the user has since moved on from
                    detail.set(d);
                }
            });
        });
    }

    /** Writes records to a file (JSON lines, or CSV for a .csv name) off the UI thread. */
    public void export(List<DecodedRecord> records, Path file) {
        List<DecodedRecord> copy = List.copyOf(records);
        RecordRendering rr = schemaSources.rendering();
        background.execute(() -> {
            String said;
            try {
                int n = RecordExport.write(file, copy, rr);
                said = String.format(Locale.ROOT, "Exported %,d records to %s (%s).", n, file,
                        RecordExport.isCsv(file) ? "CSV" : "JSON lines");
            } catch (java.io.IOException | RuntimeException e) {
                said = "Could not export to " + file + ": " + e.getMessage();
            }
            String s = said;
            uiTasks.offer(() -> notice.set(s));
        });
    }

    /**
     * True while a publish replaces the rows: a table's selection moving then is the table's doing (it keeps an
     * index, not a record), not the user's, and must not change the detail pane.
     */
    boolean replacingRows() {
        return replacing;
    }

    /** Records the current tail has read (benchmarks and tests). */
    public long readSoFar() {
        LiveTail t = tail;
        return t == null ? 0 : t.rows().snapshot().read();
    }

    /** Updates the publisher has handed to the UI thread so far (benchmarks and tests). */
    long updatesOffered() {
        return updatesOffered.get();
    }

    /** From the UI thread, every frame the screen shows (its time in ns): a late frame slows the tail down. */
    public void frameShown(long now) {
        governor.frame(now);
    }

    /** The screen left the window: no frames to keep, the tail runs at full speed. */
    public void framesStopped() {
        governor.stopWatching();
    }

    /** The pause the tail currently takes after each batch, in ms (0 at full speed). */
    public double tailPauseMillis() {
        return governor.delayNanos() / 1e6;
    }

    public void dispose() {
        disposed = true;
        schemaSources.dispose();
        windowSearch.dispose();
        publisher.shutdownNow();
        LiveTail t = tail;
        tail = null;
        background.execute(() -> {
            if (t != null) {
                t.close();
            }
        });
        background.shutdown();
    }

    // ---- background ----

    /** The filter, or null when its condition does not parse; either way the filter problem shown is updated. */
    private RecordFilter parsed(String keyText, String text, String condition) {
        try {
            RecordFilter filter = RecordFilter.of(Set.of(), keyText, text, condition);
            ui.post(() -> filterProblem.set(null));
            return filter;
        } catch (IllegalArgumentException e) {
            String problem = e.getMessage();
            ui.post(() -> filterProblem.set(problem));
            return null;
        }
    }

    private void loadTopics(boolean demo) {
        List<String> names;
        try {
            names = source.topics();
        } catch (TailException e) {
            String m = e.getMessage();
            uiTasks.offer(() -> notice.set(m));
            return;
        }
        String first = demo && names.contains("transactions") ? "transactions" : names.isEmpty() ? null : names.getFirst();
        uiTasks.offer(() -> {
            topics.setAll(names);
            if (first != null && !startAsked) {
                start(TailForm.of(first, StartAt.END));
            } else if (names.isEmpty()) {
                notice.set("The cluster has no topics yet.");
            }
        });
    }

    private void startTail(TailRequest request, DecodePipeline.Settings settings) {
        LiveTail old = tail;
        tail = null;
        if (old != null) {
            old.close();
        }
        if (disposed) {
            return;
        }
        DecodePipeline pipeline;
        try {
            pipeline = new DecodePipeline(settings);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            uiTasks.offer(() -> notice.set(m));
            return;
        }
        lastRead = -1;
        tailState = "starting";
        int parts = partitionsOf(request.topic());
        uiTasks.offer(() -> partitionCount.set(parts));
        tail = new LiveTail(source, request, pipeline, governor, s -> {
            tailState = s.message();
            if (s.state() == TailStatus.State.FAILED) {
                String m = s.message();
                uiTasks.offer(() -> notice.set(m));
            }
            lastRead = -1;
        });
    }

    private int partitionsOf(String topicName) {
        try {
            return source.partitions(topicName);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Every 250 ms: the newest rows and counts, when anything changed; summaries made here, not on the UI thread. */
    private void publish() {
        LiveTail t = tail;
        if (t == null || disposed) {
            return;
        }
        RowBuffer.Snapshot s = t.rows().snapshot();
        String st = tailState;
        // compared with what this thread last published, never with the UI's property: that one belongs to the
        // UI thread, and lags behind while the UI is busy
        if (s.read() == lastRead && st.equals(lastState)) {
            return;
        }
        lastRead = s.read();
        lastState = st;
        List<DecodedRecord> byTime = s.newestFirst();
        byTime.sort(NEWEST_TIME_FIRST);
        for (DecodedRecord r : byTime) {
            r.headline();
        }
        for (DecodedRecord r : s.undecodable()) {
            r.headline();
        }
        updatesOffered.incrementAndGet();
        updates.offer(new Update(byTime, s.undecodable(), TableCounts.text(s), st));
    }

    private void apply(Update u) {
        shown = u;
        List<DecodedRecord> table = showUndecodable.get() ? u.undecodable() : u.rows();
        replacing = true;
        try {
            rows.setAll(table);
        } finally {
            replacing = false;
        }
        undecodableKept.set(u.undecodable().size());
        counts.set(u.counts());
        state.set(u.state());
        if (selected != null) {
            detailInTable.set(containsSame(table, selected));
        }
    }

    /** By identity: a record equal to another is still another row. */
    private static boolean containsSame(List<DecodedRecord> list, DecodedRecord r) {
        for (DecodedRecord each : list) {
            if (each == r) {
                return true;
            }
        }
        return false;
    }

    /** For a JSON record, the Protobuf type of its topic's other shown records (to measure it as Protobuf). */
    private ProtoShape jsonTypeOf(DecodedRecord r) {
        if (r.value().shape() != null) {
            return null;
        }
        for (DecodedRecord other : rows) {
            if (other.raw().topic().equals(r.raw().topic()) && other.value().shape() != null && !other.poison()) {
                return other.value().shape();
            }
        }
        return null;
    }
}
