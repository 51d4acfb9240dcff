package dev.highwater.ui.messages;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.decode.DecodePipeline;
import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.decode.DecoderChoice;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.decode.RecordFilter;
import dev.highwater.core.decode.RowBuffer;
import dev.highwater.core.decode.TypeSet;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.tail.PartitionSpan;
import dev.highwater.core.tail.TailListener;
import dev.highwater.core.tail.TailReading;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailSource;
import dev.highwater.core.tail.TailStart;
import dev.highwater.core.tail.TailStatus;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiTasks;
import dev.highwater.ui.UiThread;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The Messages screen's search of a window of time: it reads every record of a topic (one partition or all)
 * stamped from one instant to another from Kafka itself, not the rows the live table holds, runs the filter on
 * each, and keeps the matches in a bounded table, with the progress (records read, matches, the time left) and a
 * cancel. Reading and decoding run on their own threads; progress and rows reach the UI thread coalesced, at most
 * four times a second. It never holds a Node.
 */
public final class WindowSearchModel {

    static final long PUBLISH_MILLIS = 250;
    private static final String FINDING = "Finding the window's offsets…";
    /** How long a finished read may take to decode what it handed over before the summary is given anyway. */
    private static final long DRAIN_MILLIS = 60_000;

    /**
     * One publish of the search asked for as {@code asked}: the rows, the progress line and bar, and the summary
     * once the search ended.
     */
    private record Update(long asked, List<DecodedRecord> rows, String progress, double fraction, String summary,
                          boolean ended) {
    }

    /** One search, from its start to its end: what it reads and how far it got. Fields set by the reader. */
    private final class Run implements TailListener {
        final long asked;
        final Instant from;
        final Instant to;
        final DecodePipeline pipeline;
        final long startedAt = System.nanoTime();
        TailReading reading;
        /** By partition, the next offset of the window still to read, and where the partition's span stops. */
        private long[] next = new long[0];
        private long[] stop = new long[0];
        volatile long total;
        volatile boolean spansKnown;
        volatile long covered;
        volatile String trouble; // the reader's disconnected or failed sentence, or null
        volatile boolean cancelled;
        volatile boolean ended;
        // what the publisher last published of it; publisher thread
        long lastRead = -1;
        long lastCovered;
        String lastTrouble;
        boolean published; // its end was published: nothing more to say

        Run(long asked, Instant from, Instant to, DecodePipeline pipeline) {
            this.asked = asked;
            this.from = from;
            this.to = to;
            this.pipeline = pipeline;
        }

        @Override
        public void spans(List<PartitionSpan> spans) {
            int size = spans.stream().mapToInt(PartitionSpan::partition).max().orElse(-1) + 1;
            next = new long[size];
            stop = new long[size];
            long sum = 0;
            for (PartitionSpan s : spans) {
                next[s.partition()] = s.start();
                stop[s.partition()] = s.stop();
                sum += s.size();
            }
            total = sum;
            spansKnown = true;
        }

        @Override
        public void records(List<RawRecord> batch) throws InterruptedException {
            pipeline.accept(batch);
            long passed = 0;
            for (RawRecord r : batch) {
                int p = r.partition();
                if (p < next.length && r.offset() >= next[p]) {
                    long upTo = Math.min(stop[p], r.offset() + 1);
                    passed += Math.max(0, upTo - next[p]);
                    next[p] = upTo;
                }
            }
            covered += passed; // written by the reading thread alone
            pace.betweenBatches();
        }

        @Override
        public void status(TailStatus s) {
            switch (s.state()) {
                case DISCONNECTED -> trouble = s.message();
                case READING -> trouble = null;
                case FAILED -> {
                    trouble = s.message();
                    end();
                }
                case FINISHED -> {
                    if (!cancelled) {
                        drain();
                        end();
                    }
                }
                default -> {
                }
            }
        }

        /** Waits for the workers to decode what the reader handed over: the summary counts every record. */
        private void drain() {
            try {
                pipeline.awaitDecoded(DRAIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void end() {
            ended = true;
            pipeline.close();
            publishNow();
        }
    }

    private final TailSource source;
    private final SchemaRegistry registry;
    private final Supplier<TypeSet> types;
    private final IntSupplier capacity;
    private final ZoneId zone;
    private final ExecutorService work;
    private final ScheduledExecutorService publisher;
    private final Coalescer<Update> updates;
    private final FrameGovernor pace = new FrameGovernor(System::nanoTime);
    private final UiTasks uiTasks;
    private volatile Run run;
    private volatile boolean disposed;
    /** Searches asked for so far: an update of any but the last one asked for is not shown. */
    private final AtomicLong asked = new AtomicLong();
    private boolean replacing; // UI thread

    // ---- Properties (changed on the UI thread only) ----
    private final BooleanProperty shown = new SimpleBooleanProperty();
    private final ObservableList<DecodedRecord> rows = FXCollections.observableArrayList();
    private final ObservableList<DecodedRecord> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();

    /**
     * @param types    the types decoders use now (the screen's schema sources)
     * @param capacity the rows the table keeps now
     * @param zone     the zone the window's instants are typed and shown in
     */
    public WindowSearchModel(TailSource source, SchemaRegistry registry, Supplier<TypeSet> types,
                             IntSupplier capacity, ZoneId zone, UiThread ui) {
        this.source = source;
        this.registry = registry;
        this.types = types;
        this.capacity = capacity;
        this.zone = zone;
        this.work = Executors.newSingleThreadExecutor(DaemonThreads.named("window-search"));
        this.publisher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("window-search-publish"));
        this.updates = new Coalescer<>(ui, this::apply);
        this.uiTasks = new UiTasks(ui);
        publisher.scheduleWithFixedDelay(this::publish, PUBLISH_MILLIS, PUBLISH_MILLIS, TimeUnit.MILLISECONDS);
    }

    // ---- Properties ----

    /** Set while the screen shows the search (its form and its rows) rather than the live tail. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** The matches the search kept, newest record time first, at most the table's capacity. */
    public ObservableList<DecodedRecord> rows() {
        return rowsView;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** While searching: records read, matches, the time left (or the broker's trouble); blank otherwise. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The part of the window read, 0 to 1, or -1 while its size is not known. */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    /** Once a search ended: what it searched and what it found, or that it was cancelled or failed. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What is wrong with the search asked for (a from or to that is not a time), or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The zone the window's instants are read in, as the form names it: UTC, Europe/Paris. */
    public String zoneLabel() {
        return WindowInput.zoneLabel(zone);
    }

    /**
     * What the form's fields start with: the last hour, to the second, in the zone shown. The end is rounded up to
     * the next second, as the fields show no milliseconds: rounded down it would leave out the records of the
     * second the form was opened in.
     */
    public String[] lastHour(Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        return new String[] {WindowInput.shown(end.minusSeconds(3600), zone), WindowInput.shown(end, zone)};
    }

    // ---- Commands ----

    /**
     * Searches the window from {@code fromText} to {@code toText} of the form's topic and partition, decoded and
     * filtered as the form says (its start is not used); a search under way is cancelled first. Bad input is one
     * sentence in {@link #problemProperty()} and changes nothing.
     */
    public void search(TailForm form, String fromText, String toText) {
        if (disposed) {
            return;
        }
        WindowInput.Window window;
        DecoderChoice keys;
        DecoderChoice values;
        Map<Integer, String> registryTypes;
        try {
            if (form.topic() == null || form.topic().isBlank()) {
                throw new IllegalArgumentException("Pick a topic to search.");
            }
            window = WindowInput.window(fromText, toText, zone);
            values = DecoderChoice.parse(form.valueDecoder() == null ? "auto" : form.valueDecoder());
            keys = DecoderChoice.parse(form.keyDecoder() == null ? "auto" : form.keyDecoder());
            registryTypes = TailInput.registryIds(form.registryIds());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return;
        }
        long id = asked.incrementAndGet();
        problem.set(null);
        running.set(true);
        summary.set("");
        progress.set(FINDING);
        fraction.set(-1);
        rows.clear();
        TypeSet t = types.get();
        int keep = capacity.getAsInt();
        TailRequest request = new TailRequest(form.topic(), form.partition(), TailStart.at(window.from()), false, 0,
                window.to());
        work.execute(() -> {
            RecordFilter filter;
            try {
                // parsed here, not on the UI thread: a pasted condition may be long
                filter = RecordFilter.of(Set.of(), form.keyText(), form.text(), form.condition());
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                uiTasks.offer(() -> {
                    if (asked.get() == id) {
                        problem.set(m);
                        progress.set("");
                        running.set(false);
                    }
                });
                return;
            }
            begin(id, request, new DecodePipeline.Settings(t, keys, values, registryTypes, filter, keep,
                    DecodePipeline.Settings.defaultWorkers(), registry), window);
        });
    }

    /** Stops the search under way at once; the matches found so far stay in the table. */
    public void cancel() {
        Run r = run;
        if (r == null || r.ended) {
            return;
        }
        r.cancelled = true;
        // the pipeline first: a reader waiting to hand a batch over is let go, so closing it does not wait
        r.pipeline.close();
        work.execute(() -> {
            TailReading reading = r.reading;
            if (reading != null) {
                reading.close();
            }
            r.ended = true;
            publishNow();
        });
    }

    /** From the UI thread, every frame the screen shows: a late frame slows the search's reading down. */
    public void frameShown(long now) {
        pace.frame(now);
    }

    /** The screen left the window: the search reads at full speed. */
    public void framesStopped() {
        pace.stopWatching();
    }

    /**
     * True while a publish replaces the rows: a table's selection moving then is the table's doing, not the
     * user's.
     */
    boolean replacingRows() {
        return replacing;
    }

    public void dispose() {
        disposed = true;
        publisher.shutdownNow();
        Run r = run;
        if (r != null) {
            r.cancelled = true;
            r.pipeline.close();
            work.execute(() -> {
                if (r.reading != null) {
                    r.reading.close();
                }
            });
        }
        work.shutdown();
    }

    // ---- background ----

    /** On the work thread: the previous search closed, this one started. */
    private void begin(long id, TailRequest request, DecodePipeline.Settings settings, WindowInput.Window window) {
        Run old = run;
        if (old != null && !old.ended) {
            old.cancelled = true;
            old.pipeline.close();
            if (old.reading != null) {
                old.reading.close();
            }
            old.ended = true;
        }
        if (disposed) {
            return;
        }
        DecodePipeline pipeline;
        try {
            pipeline = new DecodePipeline(settings);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            updates.offer(new Update(id, List.of(), "", 0, m, true));
            return;
        }
        Run r = new Run(id, window.from(), window.to(), pipeline);
        r.reading = source.open(request, r);
        run = r;
        r.reading.start();
    }

    private void publishNow() {
        try {
            publisher.execute(this::publish);
        } catch (java.util.concurrent.RejectedExecutionException disposedMeanwhile) {
            // the screen is gone: nobody to tell
        }
    }

    /** Every 250 ms while a search runs, and once when it ends: its rows and progress, made off the UI thread. */
    private void publish() {
        Run r = run;
        if (r == null || disposed || r.published) {
            return;
        }
        boolean ended = r.ended;
        RowBuffer.Snapshot s = r.pipeline.rows().snapshot();
        long covered = r.covered;
        String trouble = r.trouble;
        if (!ended && s.read() == r.lastRead && covered == r.lastCovered && trouble == r.lastTrouble
                && r.lastRead >= 0) {
            return; // nothing new since the last publish
        }
        r.lastRead = s.read();
        r.lastCovered = covered;
        r.lastTrouble = trouble;
        r.published = ended;
        List<DecodedRecord> byTime = s.newestFirst();
        byTime.sort(MessagesModel.NEWEST_TIME_FIRST);
        for (DecodedRecord d : byTime) {
            d.headline();
        }
        SearchProgress p = new SearchProgress(s.read(), s.kept(), covered, r.total,
                Duration.ofNanos(System.nanoTime() - r.startedAt));
        String done = !r.spansKnown && s.read() == 0 ? FINDING : p.text();
        String line = trouble != null ? done + " · " + trouble : done;
        updates.offer(new Update(r.asked, byTime, ended ? "" : line, ended ? 1 : p.fraction(),
                ended ? summaryOf(r, s) : "", ended));
    }

    /** {@code Searched 12,345 records from 2026-03-15 09:00:00 to 10:00:00 (UTC): 3 matches.} */
    private String summaryOf(Run r, RowBuffer.Snapshot s) {
        String window = WindowInput.span(r.from, r.to, zone);
        String matches = String.format(Locale.ROOT, "%,d %s", s.kept(), s.kept() == 1 ? "match" : "matches");
        String held = s.notShown() > 0
                ? String.format(Locale.ROOT, " (the last %,d in the table)", s.newestFirst().size()) : "";
        if (r.cancelled) {
            return String.format(Locale.ROOT, "Search cancelled after %,d records %s: %s so far%s.", s.read(),
                    window, matches, held);
        }
        if (r.trouble != null) {
            return String.format(Locale.ROOT, "Search failed after %,d records %s: %s", s.read(), window,
                    r.trouble);
        }
        return String.format(Locale.ROOT, "Searched %,d records %s: %s%s.", s.read(), window, matches, held);
    }

    private void apply(Update u) {
        if (u.asked() != asked.get()) {
            return; // a search since replaced by another
        }
        replacing = true;
        try {
            rows.setAll(u.rows());
        } finally {
            replacing = false;
        }
        progress.set(u.progress());
        fraction.set(u.fraction());
        if (u.ended()) {
            summary.set(u.summary());
            running.set(false);
        }
    }
}
