package dev.highwater.ui.partitions;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.GroupStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The group list shows the worst first, and the screen opens on the group that needs a look. */
class GroupOrderTest {

    private static GroupLag group(String id, GroupStatus status, long totalLag) {
        return new GroupLag(id, "Stable", status, "", totalLag, null, List.of(), List.of(), 0);
    }

    @Test
    void theWorstStatusComesFirstThenTheLargestLagNotTheAlphabet() {
        List<GroupLag> groups = List.of(group("audit", GroupStatus.OK, 900), group("billing", GroupStatus.EMPTY, 0),
                group("ledger-projection", GroupStatus.OK, 5_453), group("transaction-processor",
                        GroupStatus.LAGGING, 43_000), group("zeta", GroupStatus.STALLED, 10));
        assertEquals(List.of("zeta", "transaction-processor", "ledger-projection", "audit", "billing"),
                GroupOrder.worstFirst(groups).stream().map(GroupLag::groupId).toList());
    }

    @Test
    void theLaggingGroupIsShownFirstEvenWhenItStartedLaggingAfterTheFirstRefresh() {
        List<GroupLag> calm = List.of(group("ledger-projection", GroupStatus.OK, 5_453),
                group("transaction-processor", GroupStatus.OK, 3_000));
        assertEquals("ledger-projection", GroupOrder.toShow(null, calm), "all calm: the largest lag");

        List<GroupLag> lagging = List.of(group("ledger-projection", GroupStatus.OK, 5_453),
                group("transaction-processor", GroupStatus.LAGGING, 43_000));
        assertEquals("transaction-processor", GroupOrder.toShow(null, lagging));
        assertEquals("transaction-processor", GroupOrder.toShow("ledger-projection", lagging),
                "a group turning worse than the one shown takes its place");

        List<GroupLag> bothLagging = List.of(group("ledger-projection", GroupStatus.LAGGING, 90_000),
                group("transaction-processor", GroupStatus.LAGGING, 43_000));
        assertEquals("transaction-processor", GroupOrder.toShow("transaction-processor", bothLagging),
                "a larger lag alone does not move the selection");
    }
}
