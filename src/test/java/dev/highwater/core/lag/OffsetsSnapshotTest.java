package dev.highwater.core.lag;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A snapshot kept to some topics: what `lag --topic` shows from a source that reads everything. */
class OffsetsSnapshotTest {

    private static final PartitionId PAYMENTS = new PartitionId("payments", 0);
    private static final PartitionId REFUNDS = new PartitionId("refunds", 0);

    @Test
    void keepingATopicKeepsItsPartitionsInLogsCommitsTimesAndAssignmentsAndEveryGroup() {
        OffsetsSnapshot read = new OffsetsSnapshot(1_000, null,
                Map.of(PAYMENTS, new OffsetsSnapshot.LogOffsets(PAYMENTS, 0, 10),
                        REFUNDS, new OffsetsSnapshot.LogOffsets(REFUNDS, 0, 5)),
                List.of(new OffsetsSnapshot.GroupOffsets("billing", "Stable",
                                List.of(new OffsetsSnapshot.Member("m", "app", "/h", Set.of(PAYMENTS, REFUNDS))),
                                Map.of(PAYMENTS, 4L, REFUNDS, 2L),
                                Map.of(PAYMENTS, new OffsetsSnapshot.RecordTime(4, 900, false),
                                        REFUNDS, new OffsetsSnapshot.RecordTime(2, 950, false))),
                        new OffsetsSnapshot.GroupOffsets("audit", "Empty", List.of(), Map.of(REFUNDS, 5L), Map.of())));

        OffsetsSnapshot kept = read.keepTopics(Set.of("payments"));

        assertEquals(Set.of(PAYMENTS), kept.logs().keySet());
        OffsetsSnapshot.GroupOffsets billing = kept.groups().getFirst();
        assertEquals(Map.of(PAYMENTS, 4L), billing.committed());
        assertEquals(Set.of(PAYMENTS), billing.recordTimes().keySet());
        assertEquals(Set.of(PAYMENTS), billing.members().getFirst().assignment());
        OffsetsSnapshot.GroupOffsets audit = kept.groups().get(1);
        assertEquals("audit", audit.groupId(), "a group left with nothing stays: the caller says why it shows none");
        assertEquals(Map.of(), audit.committed());
    }
}
