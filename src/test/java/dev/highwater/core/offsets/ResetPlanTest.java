package dev.highwater.core.offsets;

import dev.highwater.core.lag.PartitionId;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reset targets at the extremes of a long: they saturate and clamp, never wrap round to the other end. */
class ResetPlanTest {

    private static final PartitionId P0 = new PartitionId("orders", 0);

    /** One partition holding offsets 5 to 20, the group at 15 (or never committed, with null). */
    private static PartitionReset plan(ResetTarget target, Long current) {
        Map<PartitionId, Long> committed = new HashMap<>();
        committed.put(P0, current);
        return ResetPlan.of("billing", target, committed, Map.of(P0, 5L), Map.of(P0, 20L), Map.of(), 0, "Empty")
                .partitions().getFirst();
    }

    @Test
    void theLargestForwardShiftGoesToTheEndAndSaysItWasClamped() {
        PartitionReset p = plan(new ResetTarget.ShiftBy(Long.MAX_VALUE), 15L);
        assertEquals(20L, p.target(), "15 + Long.MAX_VALUE must not wrap round to the start");
        assertEquals("past the end: clamped to the end 20 (asked 15 + 9223372036854775807)", p.note());
    }

    @Test
    void theLargestBackwardShiftGoesToTheStartAndSaysItWasClamped() {
        PartitionReset p = plan(new ResetTarget.ShiftBy(Long.MIN_VALUE), 15L);
        assertEquals(5L, p.target());
        assertEquals("before the start: clamped to the earliest offset 5 (asked 15 - 9223372036854775808)", p.note());
    }

    @Test
    void offsetsAtTheExtremesClampToTheLog() {
        PartitionReset high = plan(new ResetTarget.ToOffset(Long.MAX_VALUE), 15L);
        assertEquals(20L, high.target());
        assertEquals("past the end: clamped to the end 20 (asked 9223372036854775807)", high.note());
        PartitionReset low = plan(new ResetTarget.ToOffset(0), 15L);
        assertEquals(5L, low.target());
        assertEquals("before the start: clamped to the earliest offset 5 (asked 0)", low.note());
        PartitionReset never = plan(new ResetTarget.ShiftBy(Long.MAX_VALUE), null);
        assertEquals(20L, never.target(), "no commit: the shift counts from the earliest offset");
        assertEquals("past the end: clamped to the end 20 (asked 5 + 9223372036854775807)", never.note());
    }

    @Test
    void aTargetInsideTheLogIsNotClamped() {
        PartitionReset p = plan(new ResetTarget.ShiftBy(-3), 15L);
        assertEquals(12L, p.target());
        assertEquals("", p.note());
    }
}
