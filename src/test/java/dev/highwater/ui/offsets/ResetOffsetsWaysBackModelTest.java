package dev.highwater.ui.offsets;

import dev.highwater.core.lag.LagSample;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.offsets.OffsetReset;
import dev.highwater.core.offsets.ResetHistory;
import dev.highwater.core.offsets.ResetPlan;
import dev.highwater.core.offsets.ResetRecord;
import dev.highwater.core.offsets.ResetTarget;
import dev.highwater.core.offsets.UndoCsv;
import dev.highwater.core.offsets.UndoableOffsetReset;
import dev.highwater.ui.UiThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ways back in the reset dialog's model, over a fake offset-reset port that holds a group's offsets: undo the
 * last reset (which keeps an undo file of its own), and rewind to when the lag began to grow.
 */
class ResetOffsetsWaysBackModelTest {

    private static final PartitionId P0 = new PartitionId("payments", 0);
    private static final PartitionId P1 = new PartitionId("payments", 1);
    private static final Instant T0 = Instant.parse("2026-03-15T09:00:00Z");

    @TempDir
    Path folder;

    /** A group's committed offsets in logs of 0..100; an instant maps to the offset of its minute past T0. */
    private static final class FakeReset implements OffsetReset {
        final Map<PartitionId, Long> committed = new LinkedHashMap<>(Map.of(P0, 40L, P1, 70L));
        final List<ResetTarget> previewed = new ArrayList<>();

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public ResetPlan preview(String group, Collection<String> topics, ResetTarget target) {
            previewed.add(target);
            Map<PartitionId, Long> now = new LinkedHashMap<>(committed);
            if (target instanceof ResetTarget.ToOffsets listed) {
                now.keySet().retainAll(listed.offsets().keySet());
            }
            Map<PartitionId, Long> atInstant = new HashMap<>();
            if (target instanceof ResetTarget.ToInstant i) {
                now.keySet().forEach(p -> atInstant.put(p, (i.at().getEpochSecond() - T0.getEpochSecond()) / 60));
            }
            return ResetPlan.of(group, target, now, Map.of(P0, 0L, P1, 0L), Map.of(P0, 100L, P1, 100L),
                    atInstant, 0, "Empty");
        }

        @Override
        public void apply(ResetPlan plan) {
            committed.putAll(plan.newOffsets());
        }
    }

    /** The reset history as the real store keeps it, one undo file per reset, newest last. */
    private final class Kept implements ResetHistory {
        final List<ResetRecord> records = new ArrayList<>();

        @Override
        public ResetRecord keepBefore(ResetPlan plan, String cluster, Instant at) {
            Map<PartitionId, Long> before = new LinkedHashMap<>();
            plan.partitions().forEach(p -> before.put(p.partition(), p.current()));
            Path file = folder.resolve("undo-" + records.size() + ".csv");
            try {
                Files.writeString(file, UndoCsv.format(before));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            ResetRecord r = new ResetRecord(at, plan.group(), plan.target().describe(), plan.moving(), file, cluster);
            records.add(r);
            return r;
        }

        @Override
        public List<ResetRecord> between(String group, Instant from, Instant to) {
            return records;
        }

        @Override
        public Optional<ResetRecord> last(String group) {
            return records.isEmpty() ? Optional.empty() : Optional.of(records.getLast());
        }
    }

    @Test
    void theLastResetIsUndoneAndTheUndoCanBeUndoneInTurn() {
        FakeReset cluster = new FakeReset();
        Kept history = new Kept();
        OffsetReset reset = new UndoableOffsetReset(cluster, history, "kafka:9092", Clock.fixed(T0, ZoneOffset.UTC));
        ResetOffsetsModel model = new ResetOffsetsModel(reset, "billing", Runnable::run, UiThread.direct(), history,
                group -> List.of());
        assertTrue(model.undoOffered());

        model.previewUndo();
        assertEquals("No reset of billing has been made from Highwater with this data folder: there is nothing to"
                + " undo.", model.messageProperty().get());
        assertNull(model.planProperty().get());

        model.preview(); // to the earliest offset
        model.apply();
        assertEquals(Map.of(P0, 0L, P1, 0L), cluster.committed);
        assertEquals("Reset 2 partition(s) of billing to the earliest offset. Previous offsets saved to "
                + folder.resolve("undo-0.csv") + "; undo with: highwater reset-offsets --bootstrap kafka:9092 --group billing --from-file "
                + folder.resolve("undo-0.csv") + " --execute", model.messageProperty().get());
        assertEquals("highwater reset-offsets --bootstrap kafka:9092 --group billing --from-file " + folder.resolve("undo-0.csv")
                + " --execute", model.undoCommandProperty().get(), "the command to copy for a colleague");

        model.previewUndo();
        assertEquals(List.of(40L, 70L), model.rows().stream().map(r -> r.target()).toList());
        assertTrue(model.messageProperty().get().startsWith("Undo the reset of 2026-03-15T09:00:00Z (to the earliest"
                + " offset): puts back the offsets saved in " + folder.resolve("undo-0.csv") + ". 2 of 2 partitions"
                + " move. Nothing has changed yet."), model.messageProperty().get());
        assertTrue(model.canApply());
        model.apply();
        assertEquals(Map.of(P0, 40L, P1, 70L), cluster.committed, "back where it was, exactly");

        model.previewUndo(); // the undo kept the earliest offsets: undoing it goes there again
        assertEquals(List.of(0L, 0L), model.rows().stream().map(r -> r.target()).toList());
    }

    @Test
    void theRewindPreviewsTheInstantTheLagBeganToGrowOrSaysWhyThereIsNone() {
        FakeReset cluster = new FakeReset();
        List<LagSample> samples = new ArrayList<>();
        ResetOffsetsModel model = new ResetOffsetsModel(cluster, "billing", Runnable::run, UiThread.direct(), null,
                group -> samples);
        assertFalse(model.undoOffered());
        model.previewLagStart();
        assertEquals("There is no lag history of billing yet: it is kept while the console is connected to the"
                + " cluster; rewind once the lag has grown.", model.messageProperty().get());

        // caught up until 09:05, then stuck: a sample a minute, its oldest record ageing with the clock
        for (int minute = 0; minute <= 10; minute++) {
            samples.add(new LagSample(T0.plusSeconds(60L * minute).toEpochMilli(), "billing",
                    new PartitionId("", -1), 0L, Math.max(0, minute - 5) * 60.0, 0.0, 0.0));
        }
        model.previewLagStart();
        assertEquals(List.of(new ResetTarget.ToInstant(T0.plusSeconds(300))), cluster.previewed);
        assertEquals(List.of(5L, 5L), model.rows().stream().map(r -> r.target()).toList());
        assertTrue(model.messageProperty().get().startsWith("The lag of billing began to grow at"
                + " 2026-03-15T09:05:00Z"), model.messageProperty().get());
        assertTrue(model.canApply());
        assertEquals(Map.of(P0, 40L, P1, 70L), cluster.committed, "a preview changes nothing");
    }
}
