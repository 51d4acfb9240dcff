package dev.highwater.ui.messages;

import dev.highwater.core.decode.RawProtoTree;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.offsets.OffsetReset;
import dev.highwater.core.offsets.ResetScope;
import dev.highwater.core.text.ErrorText;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.offsets.ResetOffsetsModel;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What the user can do with the record in the detail pane, a poison pill above all: read its value raw (the field
 * numbers protoc --decode_raw prints), save its bytes, copy where it is, and skip it for a consumer group: a reset
 * of its one partition to the offset after it, previewed and confirmed like every reset. Reading and writing run on
 * the background executor; results reach the UI thread.
 */
public final class RecordActions {

    /** The raw tree shown at most: a bigger one ends with a line saying how many bytes it leaves out. */
    static final int RAW_LIMIT = 256 * 1024;

    /** A record and the groups it may be skipped for. */
    public record SkipOffer(RawRecord record, List<SkipChoice> groups) {
    }

    /**
     * How a record is skipped on this connection.
     *
     * @param groups the groups that committed on a topic
     * @param reset  the profile's offset resets
     * @param where  the profile and cluster, for the reset dialog ("prod (broker1:9092)")
     */
    public record Skipping(CommittedGroups groups, OffsetReset reset, String where) {
    }

    private final ObservableValue<RawRecord> record;
    private final Skipping skipping;
    private final String bootstrap;
    private final Executor background;
    private final UiThread ui;
    private boolean rawShown; // UI thread

    // ---- Properties (changed on the UI thread only)
    private final ReadOnlyStringWrapper raw = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper present = new ReadOnlyBooleanWrapper();

    /**
     * @param record    the record in the detail pane, or null
     * @param skipping  how to find the groups and reset them; null: skipping is not offered
     * @param bootstrap the cluster's bootstrap servers, for the copied command line
     */
    public RecordActions(ObservableValue<RawRecord> record, Skipping skipping, String bootstrap, Executor background,
                         UiThread ui) {
        this.record = record;
        this.skipping = skipping;
        this.bootstrap = bootstrap;
        this.background = background;
        this.ui = ui;
        present.set(record.getValue() != null);
        record.addListener((o, was, is) -> {
            present.set(is != null);
            raw.set("");
            message.set("");
            if (rawShown) {
                decodeRaw();
            }
        });
    }

    // ---- Properties

    /** The value's raw tree, or why it has none; empty until asked for. */
    public ReadOnlyStringProperty rawProperty() {
        return raw.getReadOnlyProperty();
    }

    /** What the last action did or why it could not, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether there is a record to act on. */
    public ReadOnlyBooleanProperty presentProperty() {
        return present.getReadOnlyProperty();
    }

    /** Whether records can be skipped here; null when they cannot. */
    public Skipping skipping() {
        return skipping;
    }

    // ---- Commands

    /** While the raw tree is on screen, each record shown gets one. */
    public void rawShown(boolean shown) {
        rawShown = shown;
        if (shown && raw.get().isEmpty()) {
            decodeRaw();
        }
    }

    /** Reads the record's value as Protobuf without a schema, off the UI thread. */
    public void decodeRaw() {
        RawRecord r = record.getValue();
        if (r == null) {
            return;
        }
        if (r.value() == null) {
            raw.set("A tombstone: the record has no value to decode.");
            return;
        }
        if (r.value().length == 0) {
            raw.set("The value is empty: no fields (protoc --decode_raw prints nothing).");
            return;
        }
        raw.set("Decoding…");
        background.execute(() -> {
            String text = RawProtoTree.of(r.value(), RAW_LIMIT).text();
            ui.post(() -> {
                if (record.getValue() == r) { // not a record the user has since moved on from
                    raw.set(text);
                }
            });
        });
    }

    /** A file name for the record's bytes. */
    public String suggestedFileName() {
        RawRecord r = record.getValue();
        return r == null ? "record.bin" : RecordCoordinates.fileName(r);
    }

    /** Writes the value's bytes to the file exactly, off the UI thread, and says where or why not. */
    public void saveBytes(Path file) {
        RawRecord r = record.getValue();
        if (r == null) {
            return;
        }
        if (r.value() == null) {
            message.set("A tombstone has no value bytes to save.");
            return;
        }
        byte[] bytes = r.value();
        background.execute(() -> {
            String said;
            try {
                Files.write(file, bytes);
                said = String.format(Locale.ROOT, "Saved the %,d value bytes of %s to %s.", bytes.length, where(r),
                        file);
            } catch (IOException | RuntimeException e) {
                said = "Could not save to " + file + ": " + ErrorText.rootMessage(e);
            }
            String s = said;
            ui.post(() -> message.set(s));
        });
    }

    /** The record's coordinates and a command line that reads it again, for the clipboard; null with no record. */
    public String copyCoordinates() {
        RawRecord r = record.getValue();
        if (r == null) {
            return null;
        }
        message.set("Copied where the record is, and a tail command that reads it.");
        return RecordCoordinates.of(r, bootstrap);
    }

    /**
     * Finds the groups that committed on the record's topic, off the UI thread, and hands them to {@code then} on
     * the UI thread; none, or a failure, is said in the message instead.
     */
    public void findGroupsToSkipFor(Consumer<SkipOffer> then) {
        RawRecord r = record.getValue();
        if (r == null || skipping == null) {
            return;
        }
        message.set("Reading which groups committed on " + r.topic() + "…");
        PartitionId partition = new PartitionId(r.topic(), r.partition());
        background.execute(() -> {
            try {
                List<SkipChoice> groups = skipping.groups().on(partition);
                ui.post(() -> {
                    if (groups.isEmpty()) {
                        message.set("No consumer group has committed offsets on " + r.topic()
                                + ": there is no group to skip this record for.");
                    } else {
                        message.set("");
                        then.accept(new SkipOffer(r, groups));
                    }
                });
            } catch (RuntimeException e) {
                String m = "Could not read the groups of " + r.topic() + ": " + ErrorText.rootMessage(e);
                ui.post(() -> message.set(m));
            }
        });
    }

    /**
     * The reset that skips the record for a group: its one partition to the record's offset + 1, previewed now;
     * nothing changes until the user applies it in the reset dialog, under the same rules as every reset.
     */
    public ResetOffsetsModel skip(RawRecord r, SkipChoice group) {
        ResetOffsetsModel reset = new ResetOffsetsModel(skipping.reset(), group.group(),
                ResetScope.of(new PartitionId(r.topic(), r.partition())), background, ui);
        reset.kindProperty().set(ResetOffsetsModel.Kind.OFFSET);
        reset.valueProperty().set(Long.toString(r.offset() + 1));
        reset.preview();
        return reset;
    }

    static String where(RawRecord r) {
        return r.topic() + " partition " + r.partition() + " offset " + r.offset();
    }
}
