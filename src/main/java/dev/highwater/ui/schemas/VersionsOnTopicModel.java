package dev.highwater.ui.schemas;

import dev.highwater.app.BackgroundTasks;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SchemaUsage;
import dev.highwater.core.registry.SubjectVersion;
import dev.highwater.core.tail.TailListener;
import dev.highwater.core.tail.TailReading;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailSource;
import dev.highwater.core.tail.TailStart;
import dev.highwater.core.tail.TailStatus;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiThread;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The "Versions on a topic" panel: reads the last N records of a topic without a consumer group (nothing is
 * committed, nobody's group moves) and says which schema ids, subjects and versions they were written with, and
 * how many records each. The reads and the registry's answers happen on the background tasks; a newer read
 * replaces an older one's result.
 */
public final class VersionsOnTopicModel {

    public static final int DEFAULT_RECORDS = 1_000;
    static final int MAX_RECORDS = 1_000_000;

    /** What one read found: the rows and a sentence about them, or a problem. */
    private record Found(int read, List<SchemaUsage.Row> rows, String summary) {
    }

    /** Of a record, what the count needs: where it sits and the first bytes of its value. */
    private record Seen(long timestamp, int partition, long offset, byte[] head) {
    }

    private static final Comparator<Seen> NEWEST_FIRST = Comparator.comparingLong(Seen::timestamp).reversed()
            .thenComparing(Comparator.comparingLong(Seen::offset).reversed())
            .thenComparingInt(Seen::partition);

    private final TailSource tails;
    private final Supplier<Optional<SchemaRegistry>> registry;
    private final BackgroundTasks tasks;
    private final UiThread ui;
    private final Coalescer<Found> found;
    private final AtomicInteger reads = new AtomicInteger();
    private volatile TailReading current;
    private volatile boolean disposed;

    private final ObservableList<String> topics = FXCollections.observableArrayList();
    private final StringProperty topic = new SimpleStringProperty("");
    private final StringProperty records = new SimpleStringProperty(String.valueOf(DEFAULT_RECORDS));
    private final ObservableList<SchemaUsage.Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper();

    VersionsOnTopicModel(TailSource tails, Supplier<Optional<SchemaRegistry>> registry, UiThread ui,
                         BackgroundTasks tasks) {
        this.tails = tails;
        this.registry = registry;
        this.tasks = tasks;
        this.ui = ui;
        this.found = new Coalescer<>(ui, this::arrived);
    }

    /** The cluster's topics to choose from. */
    public ObservableList<String> topics() {
        return FXCollections.unmodifiableObservableList(topics);
    }

    public StringProperty topicProperty() {
        return topic;
    }

    /** How many of the newest records to read (default 1,000). */
    public StringProperty recordsProperty() {
        return records;
    }

    /** One row per schema id found, by subject and version. */
    public ObservableList<SchemaUsage.Row> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** What was read and found, or why not, in a sentence. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    /** Lists the cluster's topics again (off the UI thread). */
    void refreshTopics() {
        tasks.run(() -> {
            try {
                List<String> names = List.copyOf(tails.topics());
                ui.post(() -> {
                    if (!disposed) {
                        String keep = topic.get();
                        topics.setAll(names);
                        topic.set(keep);
                    }
                });
            } catch (RuntimeException e) {
                String why = "The topics could not be listed: " + Sentences.inline(e) + ".";
                ui.post(() -> summary.set(why));
            }
        });
    }

    /** Reads the last N records of the topic and counts the schema versions they carry. */
    public void read() {
        String t = topic.get() == null ? "" : topic.get().strip();
        if (t.isEmpty()) {
            summary.set("Choose a topic to read.");
            return;
        }
        int n = count(records.get());
        if (n < 1) {
            summary.set("Give the number of records as a whole number from 1 to 1,000,000.");
            return;
        }
        int read = reads.incrementAndGet();
        int limit = n;
        closeCurrent();
        rows.clear();
        reading.set(true);
        summary.set("Reading the last " + String.format("%,d", n) + " records of " + t + "…");
        tasks.run(() -> found.offer(count(read, t, limit)));
    }

    /** The number of records as typed ("1,000" too), or -1 when it is not a whole number from 1 to the maximum. */
    static int count(String text) {
        try {
            int n = Integer.parseInt(text == null ? "" : text.strip().replace(",", "").replace("_", ""));
            return n < 1 || n > MAX_RECORDS ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Stops a read under way; nothing reaches the panel after this. */
    void dispose() {
        disposed = true;
        reads.incrementAndGet();
        closeCurrent();
    }

    // ---- Internals (background)

    private Found count(int read, String t, int n) {
        List<Seen> seen = new ArrayList<>();
        Map<Integer, Long> ends;
        try {
            ends = tails.endOffsets(t);
            if (ends.isEmpty()) {
                return new Found(read, List.of(), "There is no topic " + t + " on this cluster.");
            }
            for (Map.Entry<Integer, Long> e : ends.entrySet()) {
                if (e.getValue() > 0 && read == reads.get()) {
                    readPartition(t, e.getKey(), Math.max(0, e.getValue() - n), n, seen);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Found(read, List.of(), "The read of " + t + " was stopped.");
        } catch (RuntimeException e) {
            return new Found(read, List.of(), "Reading " + t + " failed: " + Sentences.inline(e) + ".");
        }
        seen.sort(NEWEST_FIRST);
        SchemaUsage usage = new SchemaUsage();
        seen.stream().limit(n).forEach(s -> usage.count(s.head()));
        List<SchemaUsage.Row> rows = usage.rows(usages());
        return new Found(read, rows, summary(t, ends.size(), usage, rows));
    }

    private void readPartition(String t, int partition, long from, int n, List<Seen> into) throws InterruptedException {
        String[] failed = {null};
        TailReading r = tails.open(new TailRequest(t, partition, TailStart.offset(from), false, n),
                new TailListener() {
                    @Override
                    public void records(List<RawRecord> batch) {
                        for (RawRecord rec : batch) {
                            byte[] v = rec.value();
                            into.add(new Seen(rec.timestamp(), rec.partition(), rec.offset(),
                                    v == null ? null : Arrays.copyOf(v, Math.min(5, v.length))));
                        }
                    }

                    @Override
                    public void status(TailStatus s) {
                        if (s.state() == TailStatus.State.FAILED || s.state() == TailStatus.State.DISCONNECTED) {
                            failed[0] = s.message();
                        }
                    }
                });
        current = r;
        try {
            r.run();
        } finally {
            current = null;
            r.close();
        }
        if (failed[0] != null) {
            throw new IllegalStateException(failed[0]);
        }
    }

    /** Where the registry has each id; without a registry, each row says that it cannot be named. */
    private IntFunction<List<SubjectVersion>> usages() {
        Optional<SchemaRegistry> r;
        try {
            r = registry.get();
        } catch (RuntimeException e) {
            String why = Sentences.inline(e);
            return id -> {
                throw new RegistryException(RegistryException.Kind.UNREACHABLE, why);
            };
        }
        return id -> r.map(reg -> reg.usages(id)).orElseThrow(() -> new RegistryException(
                RegistryException.Kind.UNREACHABLE, "no schema registry in this profile to name schema id " + id));
    }

    private static String summary(String t, int partitions, SchemaUsage usage, List<SchemaUsage.Row> rows) {
        if (usage.total() == 0) {
            return t + " has no records.";
        }
        String s = "The last " + String.format("%,d", usage.total()) + " record" + (usage.total() == 1 ? "" : "s")
                + " of " + t + " (" + partitions + " partition" + (partitions == 1 ? "" : "s") + ") carry "
                + rows.size() + " schema id" + (rows.size() == 1 ? "" : "s");
        if (usage.unframed() > 0) {
            s += "; " + String.format("%,d", usage.unframed()) + (usage.unframed() == 1 ? " has" : " have")
                    + " no registry framing";
        }
        return s + ".";
    }

    private void closeCurrent() {
        TailReading r = current;
        if (r != null) {
            tasks.run(r::close); // close waits for the reading thread: not on the UI thread
        }
    }

    // ---- Internals (UI thread)

    private void arrived(Found f) {
        if (disposed || f.read() != reads.get()) {
            return; // a newer read is under way, or the screen has closed
        }
        reading.set(false);
        rows.setAll(f.rows());
        summary.set(f.summary());
    }
}
