package dev.highwater.ui.partitions;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.GroupStatus;

/**
 * One row of the groups list: what a person needs to pick the group to look at.
 *
 * @param maxLagSeconds null when unknown
 * @param rebalances    member or assignment changes seen since watching began
 * @param stale         the figures are the last ones read: the latest refresh failed
 */
public record GroupSummary(String groupId, String state, GroupStatus status, String statusReason, long totalLag,
                           Double maxLagSeconds, int members, int partitions, int rebalances, boolean stale) {

    static GroupSummary of(GroupLag g, boolean stale) {
        return new GroupSummary(g.groupId(), g.state(), g.status(), g.statusReason(), g.totalLag(),
                g.maxLagSeconds(), g.members().size(), g.partitions().size(), g.rebalancesSeen(), stale);
    }
}
