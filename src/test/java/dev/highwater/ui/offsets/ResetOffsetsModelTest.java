package dev.highwater.ui.offsets;

import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.offsets.OffsetReset;
import dev.highwater.core.offsets.ResetException;
import dev.highwater.core.offsets.ResetPlan;
import dev.highwater.core.offsets.ResetTarget;
import dev.highwater.ui.UiThread;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reset dialog's model over a plain offset-reset port: preview, apply, refusals and bad input. */
class ResetOffsetsModelTest {

    private static final PartitionId P0 = new PartitionId("payments", 0);
    private static final PartitionId P1 = new PartitionId("payments", 1);

    /** A group with two partitions, committed at 40 and 70 in logs of 10..100; remembers what it was asked. */
    private static final class FakeReset implements OffsetReset {
        final boolean writable;
        final List<ResetTarget> previewed = new ArrayList<>();
        final List<ResetPlan> applied = new ArrayList<>();
        String failure;

        FakeReset(boolean writable) {
            this.writable = writable;
        }

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public ResetPlan preview(String group, Collection<String> topics, ResetTarget target) {
            if (failure != null) {
                throw new ResetException(failure);
            }
            previewed.add(target);
            return ResetPlan.of(group, target, Map.of(P0, 40L, P1, 70L), Map.of(P0, 10L, P1, 10L),
                    Map.of(P0, 100L, P1, 100L), Map.of(), 0, "Empty");
        }

        @Override
        public void apply(ResetPlan plan) {
            applied.add(plan);
        }
    }

    private static ResetOffsetsModel model(FakeReset reset) {
        return new ResetOffsetsModel(reset, "billing", Runnable::run, UiThread.direct());
    }

    @Test
    void appliesThePreviewedPlanOnAWritableProfile() {
        FakeReset reset = new FakeReset(true);
        ResetOffsetsModel model = model(reset);
        model.kindProperty().set(ResetOffsetsModel.Kind.SHIFT);
        model.valueProperty().set("-5");
        model.preview();
        assertEquals(List.of(new ResetTarget.ShiftBy(-5)), reset.previewed);
        assertEquals(List.of(35L, 65L), model.rows().stream().map(r -> r.target()).toList());
        assertEquals("2 of 2 partitions move. Nothing has changed yet.", model.messageProperty().get());
        assertTrue(model.canApply());
        model.apply();
        assertEquals(Map.of(P0, 35L, P1, 65L), reset.applied.getFirst().newOffsets());
        assertTrue(model.appliedProperty().get());
        assertFalse(model.busyProperty().get());
        assertEquals("Reset 2 partition(s) of billing shifted by -5.", model.messageProperty().get());
    }

    @Test
    void aReadOnlyProfilePreviewsButCannotApply() {
        FakeReset reset = new FakeReset(false);
        ResetOffsetsModel model = model(reset);
        model.preview();
        assertEquals(2, model.rows().size());
        assertTrue(model.messageProperty().get().startsWith("Preview only: this profile is read-only."),
                model.messageProperty().get());
        assertFalse(model.canApply());
    }

    @Test
    void aFailureIsItsSentenceAndChangingTheChoiceForgetsThePlan() {
        FakeReset reset = new FakeReset(true);
        ResetOffsetsModel model = model(reset);
        model.preview();
        assertTrue(model.canApply());
        model.kindProperty().set(ResetOffsetsModel.Kind.LATEST);
        assertNull(model.planProperty().get());
        assertTrue(model.rows().isEmpty());
        reset.failure = "There is no consumer group billing on 127.0.0.1:9092.";
        model.preview();
        assertEquals("There is no consumer group billing on 127.0.0.1:9092.", model.messageProperty().get());
        assertFalse(model.busyProperty().get());
        assertFalse(model.canApply());
    }

    @Test
    void badInputIsSaidWithoutAskingTheCluster() {
        FakeReset reset = new FakeReset(true);
        ResetOffsetsModel model = model(reset);
        model.kindProperty().set(ResetOffsetsModel.Kind.OFFSET);
        model.valueProperty().set("twelve");
        model.preview();
        assertEquals("Enter an offset, e.g. 1200.", model.messageProperty().get());
        model.kindProperty().set(ResetOffsetsModel.Kind.INSTANT);
        model.valueProperty().set("yesterday");
        model.preview();
        assertEquals("Enter an ISO instant, e.g. 2026-03-15T09:00:00Z.", model.messageProperty().get());
        assertTrue(reset.previewed.isEmpty());
    }
}
