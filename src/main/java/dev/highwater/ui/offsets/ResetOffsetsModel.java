package dev.highwater.ui.offsets;

import dev.highwater.core.lag.LagGrowthStart;
import dev.highwater.core.lag.LagSample;
import dev.highwater.core.offsets.OffsetReset;
import dev.highwater.core.offsets.OffsetsFile;
import dev.highwater.core.offsets.ResetException;
import dev.highwater.core.offsets.ResetHistory;
import dev.highwater.core.offsets.ResetRecord;
import dev.highwater.core.offsets.UndoableOffsetReset;
import dev.highwater.core.offsets.PartitionReset;
import dev.highwater.core.offsets.ResetPlan;
import dev.highwater.core.offsets.ResetScope;
import dev.highwater.core.offsets.ResetTarget;
import dev.highwater.ui.UiThread;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An offset reset for one group: choose where to, preview (old and new offsets per partition, nothing changed),
 * then apply the previewed plan, only on a writable profile and after the view asked the user to confirm. The
 * ways back are previewed the same way: the offsets before the last reset, and the rewind to when the lag began
 * to grow.
 * The cluster is asked on the background executor; results reach the UI thread.
 */
public final class ResetOffsetsModel {

    public enum Kind {
        EARLIEST("to the earliest offset"), LATEST("to the latest offset"), OFFSET("to an offset"),
        INSTANT("to an instant"), SHIFT("shift by");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final OffsetReset reset;
    private final String group;
    private final ResetScope scope;
    private final Executor background;
    private final UiThread ui;
    private final ResetHistory history;
    private final Function<String, List<LagSample>> lagHistory;

    // Properties
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.EARLIEST);
    private final StringProperty value = new SimpleStringProperty("");
    private final ObservableList<PartitionReset> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ResetPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper applied = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper undoCommand = new ReadOnlyStringWrapper("");

    public ResetOffsetsModel(OffsetReset reset, String group, Executor background, UiThread ui) {
        this(reset, group, ResetScope.EVERY_TOPIC, background, ui, null, null);
    }

    /** A reset of the partitions a scope chooses alone, such as the one partition of a record to skip. */
    public ResetOffsetsModel(OffsetReset reset, String group, ResetScope scope, Executor background, UiThread ui) {
        this(reset, group, scope, background, ui, null, null);
    }

    /**
     * With the ways back: "Undo the last reset" and "Rewind to when it started".
     *
     * @param history    the resets executed from this app, with their undo files; null: no undo offered
     * @param lagHistory the group's stored lag totals of the past day, oldest first (called on the background
     *                   executor); null: no rewind offered
     */
    public ResetOffsetsModel(OffsetReset reset, String group, Executor background, UiThread ui,
                             ResetHistory history, Function<String, List<LagSample>> lagHistory) {
        this(reset, group, ResetScope.EVERY_TOPIC, background, ui, history, lagHistory);
    }

    private ResetOffsetsModel(OffsetReset reset, String group, ResetScope scope, Executor background, UiThread ui,
                              ResetHistory history, Function<String, List<LagSample>> lagHistory) {
        this.reset = reset;
        this.group = group;
        this.scope = scope;
        this.background = background;
        this.ui = ui;
        this.history = history;
        this.lagHistory = lagHistory;
        kind.addListener((o, a, b) -> forgetPlan());
        value.addListener((o, a, b) -> forgetPlan());
    }

    // ---- Properties

    public String group() {
        return group;
    }

    /** The partitions the reset covers. */
    public ResetScope scope() {
        return scope;
    }

    public boolean writable() {
        return reset.writable();
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** The offset, the ISO instant or the shift, as typed. */
    public StringProperty valueProperty() {
        return value;
    }

    public ObservableList<PartitionReset> rows() {
        return rows;
    }

    /** The previewed plan, null until previewed (and again after the choice changes). */
    public ReadOnlyObjectProperty<ResetPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** What happened or what is wrong, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    /** The command line that undoes the reset just applied, to copy for a colleague; empty before one. */
    public ReadOnlyStringProperty undoCommandProperty() {
        return undoCommand.getReadOnlyProperty();
    }

    /** Whether "Undo the last reset" is offered (the app keeps a reset history). */
    public boolean undoOffered() {
        return history != null;
    }

    /** Whether "Rewind to when it started" is offered (the app keeps lag history). */
    public boolean rewindOffered() {
        return lagHistory != null;
    }

    /** Whether the previewed plan may be applied now (writable profile, no active members). */
    public boolean canApply() {
        ResetPlan p = plan.get();
        return p != null && p.refusal() == null && reset.writable() && !busy.get() && !applied.get();
    }

    // ---- Commands

    /** Reads offsets and shows the plan; changes nothing. */
    public void preview() {
        ResetTarget target;
        try {
            target = target();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        busy.set(true);
        message.set("Reading the group's offsets…");
        background.execute(() -> {
            try {
                ResetPlan p = reset.preview(group, scope, target);
                ui.post(() -> {
                    busy.set(false);
                    plan.set(p);
                    rows.setAll(p.partitions());
                    message.set(p.refusal() != null ? p.refusal()
                            : !reset.writable() ? "Preview only: this profile is read-only. Make it writable in"
                            + " Connect to a cluster… to reset offsets."
                            : p.moving() + " of " + p.partitions().size() + " partitions move. Nothing has changed yet.");
                });
            } catch (RuntimeException e) {
                ui.post(() -> {
                    busy.set(false);
                    message.set(e.getMessage());
                });
            }
        });
    }

    /** Commits the previewed plan; the view has asked the user first. */
    public void apply() {
        ResetPlan p = plan.get();
        if (p == null) {
            return;
        }
        busy.set(true);
        message.set("Resetting…");
        background.execute(() -> {
            try {
                Optional<ResetRecord> kept = reset.applyUndoably(p);
                ui.post(() -> {
                    busy.set(false);
                    applied.set(true);
                    message.set("Reset " + p.moving() + " partition(s) of " + group + " " + p.target().describe() + "."
                            + kept.map(k -> " " + UndoableOffsetReset.undoHint(k)).orElse(""));
                    undoCommand.set(kept.map(UndoableOffsetReset::undoCommand).orElse(""));
                });
            } catch (RuntimeException e) {
                ui.post(() -> {
                    busy.set(false);
                    message.set(e.getMessage());
                });
            }
        });
    }

    /**
     * Previews putting back the offsets the group had before its last reset from this app (its undo file);
     * applying it saves the offsets of now first, so an undo can be undone in turn.
     */
    public void previewUndo() {
        previewFound("Reading the last reset of " + group + "…", () -> {
            ResetRecord last = history.last(group).orElseThrow(() -> new ResetException("No reset of " + group
                    + " has been made from Highwater with this data folder: there is nothing to undo."));
            ResetTarget.ToOffsets saved = OffsetsFile.read(last.undoFile());
            String when = last.at().truncatedTo(ChronoUnit.SECONDS).toString();
            return new Found(new ResetTarget.ToOffsets(saved.offsets(), "saved before the reset of " + when),
                    "Undo the reset of " + when + " (" + last.target() + "): puts back the offsets saved in "
                            + last.undoFile() + ".");
        });
    }

    /** Previews the rewind to when the group's lag in seconds began to grow, found in its lag history. */
    public void previewLagStart() {
        previewFound("Reading the lag history of " + group + "…", () -> {
            List<LagSample> samples = lagHistory.apply(group);
            if (samples.isEmpty()) {
                throw new ResetException("There is no lag history of " + group + " yet: it is kept while the"
                        + " console is connected to the cluster; rewind once the lag has grown.");
            }
            return switch (LagGrowthStart.find(group, samples)) {
                case LagGrowthStart.NotFound none -> throw new ResetException(none.reason());
                case LagGrowthStart.Found found -> new Found(new ResetTarget.ToInstant(found.rewindTo()),
                        found.describe(group));
            };
        });
    }

    /** A target found off the UI thread, with the sentence that says where it came from. */
    private record Found(ResetTarget target, String why) {
    }

    /** Finds a target on the background executor, then previews it; the sentence comes before the outcome. */
    private void previewFound(String reading, Supplier<Found> find) {
        busy.set(true);
        message.set(reading);
        background.execute(() -> {
            try {
                Found found = find.get();
                ResetPlan p = reset.preview(group, List.of(), found.target());
                ui.post(() -> {
                    busy.set(false);
                    applied.set(false);
                    plan.set(p);
                    rows.setAll(p.partitions());
                    message.set(found.why() + " " + (p.refusal() != null ? p.refusal()
                            : !reset.writable() ? "Preview only: this profile is read-only."
                            : p.moving() + " of " + p.partitions().size() + " partitions move. Nothing has changed yet."));
                });
            } catch (RuntimeException e) {
                ui.post(() -> {
                    busy.set(false);
                    plan.set(null);
                    rows.clear();
                    message.set(e.getMessage());
                });
            }
        });
    }

    ResetTarget target() {
        String v = value.get() == null ? "" : value.get().strip();
        return switch (kind.get()) {
            case EARLIEST -> new ResetTarget.Earliest();
            case LATEST -> new ResetTarget.Latest();
            case OFFSET -> {
                long n = number(v, "an offset, e.g. 1200");
                if (n < 0) {
                    throw new IllegalArgumentException("An offset is 0 or more.");
                }
                yield new ResetTarget.ToOffset(n);
            }
            case SHIFT -> new ResetTarget.ShiftBy(number(v, "a shift, e.g. -500 to read 500 records again"));
            case INSTANT -> {
                try {
                    yield new ResetTarget.ToInstant(Instant.parse(v));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("Enter an ISO instant, e.g. 2026-03-15T09:00:00Z.");
                }
            }
        };
    }

    private static long number(String v, String what) {
        try {
            return Long.parseLong(v.replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Enter " + what + ".");
        }
    }

    private void forgetPlan() {
        plan.set(null);
        rows.clear();
        applied.set(false);
        message.set("");
    }
}
