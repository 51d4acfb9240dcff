package dev.highwater.core.lag;

import java.util.List;

/**
 * One group at one refresh.
 *
 * @param state          the coordinator's state word (Stable, Empty, …)
 * @param statusReason   one sentence saying why the status is what it is
 * @param totalLag       the sum of the partitions' lags
 * @param maxLagSeconds  the largest lag in seconds, null when unknown
 * @param rebalancesSeen member or assignment changes seen since monitoring started, counted between settled
 *                       states (one rebalance counts once, not once per intermediate state)
 */
public record GroupLag(String groupId, String state, GroupStatus status, String statusReason, long totalLag,
                       Double maxLagSeconds, List<PartitionLag> partitions, List<OffsetsSnapshot.Member> members,
                       int rebalancesSeen) {

    /** As read, without what rates say (rates, time to drain): for showing these values once they are stale. */
    public GroupLag withoutRates() {
        return new GroupLag(groupId, state, status, statusReason, totalLag, maxLagSeconds,
                partitions.stream().map(PartitionLag::withoutRates).toList(), members, rebalancesSeen);
    }
}
