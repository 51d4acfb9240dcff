package dev.highwater.ui.partitions;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.GroupStatus;

import java.util.Comparator;
import java.util.List;

/**
 * One row of the groups list: what a person needs to pick the group to look at.
 *
 * @param maxLagSeconds null when unknown
 * @param rebalances    member or assignment changes seen since watching began
 * @param stale         the figures are the last ones read: the latest refresh failed
 */
public record GroupSummary(String groupId, String state, GroupStatus status, String statusReason, long totalLag,
                           Double maxLagSeconds, int members, int partitions, int rebalances, boolean stale) {

    /** The group most in need of a look: the worst status, then the largest total lag. */
    static String mostUrgent(List<GroupLag> groups) {
        List<GroupStatus> severity = List.of(GroupStatus.STALLED, GroupStatus.LAGGING, GroupStatus.OK,
                GroupStatus.EMPTY);
        return groups.stream().min(Comparator.comparingInt((GroupLag g) -> severity.indexOf(g.status()))
                .thenComparing(Comparator.comparingLong(GroupLag::totalLag).reversed())).orElseThrow().groupId();
    }

    static GroupSummary of(GroupLag g, boolean stale) {
        return new GroupSummary(g.groupId(), g.state(), g.status(), g.statusReason(), g.totalLag(),
                g.maxLagSeconds(), g.members().size(), g.partitions().size(), g.rebalancesSeen(), stale);
    }
}
