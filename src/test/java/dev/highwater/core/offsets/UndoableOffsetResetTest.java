package dev.highwater.core.offsets;

import dev.highwater.core.lag.PartitionId;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The undoable reset around a port: the offsets are kept before the apply, and no keep means no apply. */
class UndoableOffsetResetTest {

    private static final PartitionId P0 = new PartitionId("payments", 0);
    private static final Instant T0 = Instant.parse("2026-03-15T09:00:00Z");

    private static final class Port implements OffsetReset {
        final boolean writable;
        final List<String> calls = new ArrayList<>();

        Port(boolean writable) {
            this.writable = writable;
        }

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public ResetPlan preview(String group, Collection<String> topics, ResetTarget target) {
            return ResetPlan.of(group, target, Map.of(P0, 40L), Map.of(P0, 0L), Map.of(P0, 100L), Map.of(), 0, "Empty");
        }

        @Override
        public void apply(ResetPlan plan) {
            calls.add("apply");
            if (!writable) {
                throw new ResetException("Profile prod is read-only.");
            }
        }
    }

    private static final class History implements ResetHistory {
        final List<String> calls;
        final String failure;

        History(List<String> calls, String failure) {
            this.calls = calls;
            this.failure = failure;
        }

        @Override
        public ResetRecord keepBefore(ResetPlan plan, String cluster, Instant at) {
            if (failure != null) {
                throw new ResetException(failure);
            }
            calls.add("keep");
            return new ResetRecord(at, plan.group(), plan.target().describe(), plan.moving(),
                    Path.of("resets", "20260315T090000.000Z-billing.csv"), cluster);
        }

        @Override
        public List<ResetRecord> between(String group, Instant from, Instant to) {
            return List.of();
        }

        @Override
        public Optional<ResetRecord> last(String group) {
            return Optional.empty();
        }
    }

    @Test
    void theOffsetsAreKeptBeforeTheResetAndAFailedKeepStopsIt() {
        Port port = new Port(true);
        UndoableOffsetReset reset = new UndoableOffsetReset(port, new History(port.calls, null), "kafka:9092",
                Clock.fixed(T0, ZoneOffset.UTC));
        ResetPlan plan = reset.preview("billing", List.of(), new ResetTarget.Earliest());
        ResetRecord kept = reset.applyUndoably(plan).orElseThrow();
        assertEquals(List.of("keep", "apply"), port.calls);
        assertEquals(T0, kept.at());

        Port refused = new Port(true);
        UndoableOffsetReset full = new UndoableOffsetReset(refused, new History(refused.calls, "Could not save the"
                + " offsets billing has now, so the reset was not applied."), "kafka:9092", Clock.fixed(T0, ZoneOffset.UTC));
        ResetException e = assertThrows(ResetException.class, () -> full.apply(plan));
        assertTrue(e.getMessage().endsWith("so the reset was not applied."), e.getMessage());
        assertEquals(List.of(), refused.calls, "not applied");

        Port readOnly = new Port(false);
        UndoableOffsetReset preview = new UndoableOffsetReset(readOnly, new History(readOnly.calls, null), "kafka:9092",
                Clock.fixed(T0, ZoneOffset.UTC));
        assertThrows(ResetException.class, () -> preview.apply(plan));
        assertEquals(List.of("apply"), readOnly.calls, "a refused reset keeps no undo file");
    }

    @Test
    void theUndoCommandQuotesWhatAShellWouldSplit() {
        ResetRecord plain = new ResetRecord(T0, "billing", "to the earliest offset", 2,
                Path.of("/home/ana/.highwater/resets/20260315T090000.000Z-billing.csv"), "kafka-1:9092,kafka-2:9092");
        assertEquals("Previous offsets saved to /home/ana/.highwater/resets/20260315T090000.000Z-billing.csv; undo"
                + " with: highwater reset-offsets --bootstrap kafka-1:9092,kafka-2:9092 --group billing --from-file"
                + " /home/ana/.highwater/resets/20260315T090000.000Z-billing.csv --execute",
                UndoableOffsetReset.undoHint(plain));
        assertEquals("\"C:\\Users\\Ana Lima\\.highwater\\resets\\x.csv\"",
                UndoableOffsetReset.shellWord("C:\\Users\\Ana Lima\\.highwater\\resets\\x.csv"));
        assertEquals("\"night shift\"", UndoableOffsetReset.shellWord("night shift"));
    }
}
