package dev.highwater.core.lag;

import java.util.Comparator;
import java.util.List;

/**
 * Which groups need a look first: the worst status (STALLED, LAGGING, OK, EMPTY), then the largest total lag, then
 * the name, so that equal groups keep their places. The group list is in this order, and where only some groups
 * can be stored per partition or sampled for hot keys, the first in this order are.
 */
public final class GroupRanking {

    private static final List<GroupStatus> SEVERITY = List.of(GroupStatus.STALLED, GroupStatus.LAGGING,
            GroupStatus.OK, GroupStatus.EMPTY);

    public static final Comparator<GroupLag> WORST_FIRST = Comparator.comparingInt((GroupLag g) -> severity(g.status()))
            .thenComparing(Comparator.comparingLong(GroupLag::totalLag).reversed())
            .thenComparing(GroupLag::groupId);

    private GroupRanking() {
    }

    /** 0 for the worst status; a lower number needs a look sooner. */
    public static int severity(GroupStatus status) {
        return SEVERITY.indexOf(status);
    }
}
