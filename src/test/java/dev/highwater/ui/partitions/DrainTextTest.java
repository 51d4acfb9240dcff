package dev.highwater.ui.partitions;

import dev.highwater.core.lag.GroupStatus;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.lag.PartitionLag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Time to drain" says what its words mean: caught up, keeping up, never at the current rates. */
class DrainTextTest {

    private static PartitionLag partition(long lag, Double produce, Double consume, Double drain, GroupStatus s) {
        return new PartitionLag(new PartitionId("transactions", 10), 100L, 100 + lag, lag, 2.0, false, produce,
                consume, drain, "consumer-1", false, 0.1, s);
    }

    @Test
    void eachWordSaysWhatItMeans() {
        PartitionLag caughtUp = partition(0, 90.0, 90.0, 0.0, GroupStatus.OK);
        assertEquals("caught up", DrainText.cell(caughtUp));
        assertTrue(DrainText.explain(caughtUp).startsWith("Caught up: nothing is left to read"));

        PartitionLag steady = partition(300, 90.0, 80.0, null, GroupStatus.OK);
        assertEquals("keeping up", DrainText.cell(steady));
        assertTrue(DrainText.explain(steady).contains("between two commits"), DrainText.explain(steady));

        PartitionLag hot = partition(19_366, 900.0, 268.0, null, GroupStatus.OK);
        assertEquals("never", DrainText.cell(hot), "read at under half the rate it arrives");
        assertEquals("Never at the current rates (268/s read, 900/s arriving): records arrive at least as fast as"
                + " the group reads them, so the lag of 19,366 does not shrink.", DrainText.explain(hot));

        PartitionLag draining = partition(1_000, 100.0, 200.0, 10.0, GroupStatus.LAGGING);
        assertEquals("10 s", DrainText.cell(draining));
        assertTrue(DrainText.explain(draining).endsWith("the lag of 1,000 is read in 10 s."));

        PartitionLag stale = partition(300, null, null, null, GroupStatus.OK);
        assertEquals("—", DrainText.cell(stale));
        assertTrue(DrainText.explain(stale).startsWith("Not known yet"));
    }
}
