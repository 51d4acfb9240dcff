package dev.highwater.ui.messages;

import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.offsets.OffsetReset;
import dev.highwater.core.offsets.ResetPlan;
import dev.highwater.core.offsets.ResetTarget;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.offsets.ResetOffsetsModel;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The selected record's actions over fake ports: the skip's plan, the raw tree, the saved bytes, the coordinates. */
class RecordActionsTest {

    private static final PartitionId P0 = new PartitionId("payments", 0);
    private static final PartitionId P1 = new PartitionId("payments", 1);
    private static final RawRecord PILL = new RawRecord("payments", 1, 41, 1_773_565_200_000L, null,
            new byte[]{0x08, (byte) 0x96, 0x01, 0x12, 0x02, 'h', 'i'}, List.of());

    /** billing committed at 41 on partition 1 (stuck on the pill) and 50 on partition 0, in logs of 0..100. */
    private static final class FakeReset implements OffsetReset {
        final boolean writable;
        final List<Collection<String>> previewedTopics = new ArrayList<>();
        final List<ResetPlan> applied = new ArrayList<>();

        FakeReset(boolean writable) {
            this.writable = writable;
        }

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public ResetPlan preview(String group, Collection<String> topics, ResetTarget target) {
            previewedTopics.add(List.copyOf(topics));
            return ResetPlan.of(group, target, Map.of(P0, 50L, P1, 41L), Map.of(P0, 0L, P1, 0L),
                    Map.of(P0, 100L, P1, 100L), Map.of(), 0, "Empty");
        }

        @Override
        public void apply(ResetPlan plan) {
            applied.add(plan);
        }
    }

    private static RecordActions actions(RawRecord shown, List<SkipChoice> groups, FakeReset reset) {
        return new RecordActions(new SimpleObjectProperty<>(shown),
                new RecordActions.Skipping(p -> groups, reset, "demo (localhost:19192)"), "localhost:19192",
                Runnable::run, UiThread.direct());
    }

    @Test
    void theSkipPreviewsTheRecordsPartitionAloneAtTheOffsetAfterIt() {
        FakeReset reset = new FakeReset(true);
        SkipChoice billing = new SkipChoice("billing", "Empty", 0, 41L);
        RecordActions actions = actions(PILL, List.of(billing), reset);
        List<RecordActions.SkipOffer> offers = new ArrayList<>();
        actions.findGroupsToSkipFor(offers::add);
        assertEquals(List.of(new RecordActions.SkipOffer(PILL, List.of(billing))), offers);

        ResetOffsetsModel skip = actions.skip(PILL, billing);
        assertEquals(List.of(List.of("payments")), reset.previewedTopics);
        assertEquals("payments partition 1", skip.scope().describe());
        assertEquals(ResetOffsetsModel.Kind.OFFSET, skip.kindProperty().get());
        assertEquals("42", skip.valueProperty().get());
        assertEquals(List.of(P1), skip.rows().stream().map(r -> r.partition()).toList());
        assertEquals(42L, skip.rows().getFirst().target());
        assertEquals(-1L, skip.rows().getFirst().change(), "one record skipped");
        assertEquals("1 of 1 partitions move. Nothing has changed yet.", skip.messageProperty().get());
        assertTrue(reset.applied.isEmpty(), "nothing applied before the user confirms");
        skip.apply();
        assertEquals(Map.of(P1, 42L), reset.applied.getFirst().newOffsets());
    }

    @Test
    void aReadOnlyProfilePreviewsTheSkipButCannotApplyIt() {
        FakeReset reset = new FakeReset(false);
        SkipChoice billing = new SkipChoice("billing", "Empty", 0, 41L);
        ResetOffsetsModel skip = actions(PILL, List.of(billing), reset).skip(PILL, billing);
        assertEquals(1, skip.rows().size());
        assertTrue(skip.messageProperty().get().startsWith("Preview only: this profile is read-only."));
        assertFalse(skip.canApply());
    }

    @Test
    void noGroupOnTheTopicIsSaidAndOffersNothing() {
        RecordActions actions = actions(PILL, List.of(), new FakeReset(true));
        List<RecordActions.SkipOffer> offers = new ArrayList<>();
        actions.findGroupsToSkipFor(offers::add);
        assertTrue(offers.isEmpty());
        assertEquals("No consumer group has committed offsets on payments: there is no group to skip this record"
                + " for.", actions.messageProperty().get());
    }

    @Test
    void eachGroupSaysWhereItStandsOnThePartition() {
        assertEquals("billing: committed at 41, this record: it stops here · Empty",
                new SkipChoice("billing", "Empty", 0, 41L).label(P1, 41));
        assertEquals("audit: committed at 60, past this record · Stable, 2 active members",
                new SkipChoice("audit", "Stable", 2, 60L).label(P1, 41));
        assertEquals("slow: committed at 40, 1 record before this one · Empty, 1 active member",
                new SkipChoice("slow", "Empty", 1, 40L).label(P1, 41));
        assertEquals("fresh: no committed offset on partition 1 · Empty",
                new SkipChoice("fresh", "Empty", 0, null).label(P1, 41));
    }

    @Test
    void theRawTreeFollowsTheRecordWhileItIsShown() {
        SimpleObjectProperty<RawRecord> shown = new SimpleObjectProperty<>(PILL);
        RecordActions actions = new RecordActions(shown, null, null, Runnable::run, UiThread.direct());
        assertEquals("", actions.rawProperty().get(), "not read until asked for");
        actions.rawShown(true);
        assertEquals("1: 150\n2 {\n  13: 105\n}\n", actions.rawProperty().get());
        shown.set(new RawRecord("payments", 0, 7, 0, null, null, List.of()));
        assertEquals("A tombstone: the record has no value to decode.", actions.rawProperty().get());
        actions.rawShown(false);
        shown.set(PILL);
        assertEquals("", actions.rawProperty().get(), "not read while out of view");
    }

    @Test
    void savesTheValueBytesExactlyAndCopiesTheCoordinates(@TempDir Path dir) throws Exception {
        RecordActions actions = actions(PILL, List.of(), new FakeReset(true));
        assertEquals("payments-1-41.bin", actions.suggestedFileName());
        Path file = dir.resolve(actions.suggestedFileName());
        actions.saveBytes(file);
        assertArrayEquals(PILL.value(), Files.readAllBytes(file));
        assertEquals("Saved the 7 value bytes of payments partition 1 offset 41 to " + file + ".",
                actions.messageProperty().get());
        actions.saveBytes(dir.resolve("no-such-folder").resolve("x.bin"));
        assertTrue(actions.messageProperty().get().startsWith("Could not save to "), actions.messageProperty().get());

        assertEquals("""
                topic      payments
                partition  1
                offset     41
                timestamp  2026-03-15T09:00:00Z (1773565200000 ms)
                highwater tail --bootstrap localhost:19192 --topic payments --partition 1 --offset 41 --limit 1
                """, actions.copyCoordinates());
    }
}
