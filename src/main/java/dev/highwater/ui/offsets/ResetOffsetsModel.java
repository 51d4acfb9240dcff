package dev.highwater.ui.offsets;

import dev.highwater.core.offsets.OffsetReset;
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
import java.util.concurrent.Executor;

/**
 * An offset reset for one group: choose where to, preview (old and new offsets per partition, nothing changed),
 * then apply the previewed plan, only on a writable profile and after the view asked the user to confirm.
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

    // Properties
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.EARLIEST);
    private final StringProperty value = new SimpleStringProperty("");
    private final ObservableList<PartitionReset> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ResetPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper applied = new ReadOnlyBooleanWrapper();

    public ResetOffsetsModel(OffsetReset reset, String group, Executor background, UiThread ui) {
        this(reset, group, ResetScope.EVERY_TOPIC, background, ui);
    }

    /** A reset of the partitions a scope chooses alone, such as the one partition of a record to skip. */
    public ResetOffsetsModel(OffsetReset reset, String group, ResetScope scope, Executor background, UiThread ui) {
        this.reset = reset;
        this.group = group;
        this.scope = scope;
        this.background = background;
        this.ui = ui;
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
                reset.apply(p);
                ui.post(() -> {
                    busy.set(false);
                    applied.set(true);
                    message.set("Reset " + p.moving() + " partition(s) of " + group + " " + p.target().describe() + ".");
                });
            } catch (RuntimeException e) {
                ui.post(() -> {
                    busy.set(false);
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
