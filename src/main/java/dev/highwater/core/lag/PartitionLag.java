package dev.highwater.core.lag;

/**
 * One partition of one group at one refresh.
 *
 * @param committed        the group's committed offset, null when it never committed on this partition
 * @param logEnd           the log-end offset
 * @param lag              logEnd − committed, never negative; null without a committed offset
 * @param lagSeconds       the age of the oldest unconsumed record (0 when caught up), null when unknown
 * @param lagSecondsEstimated true when the record at the committed offset is gone and the age is a lower bound
 * @param produceRate      records/s appended to the partition (log-end deltas), null until two refreshes
 * @param consumeRate      records/s the group commits (committed deltas), null until two refreshes
 * @param secondsToDrain   at current rates, 0 when caught up, null when lag does not shrink
 * @param owner            the client id of the member that owns the partition, null when unassigned
 * @param hot              lag far above the group's average (the hotspot rule)
 * @param produceShare     this partition's share of its topic's produce rate, 0 to 1 (NaN when no traffic)
 * @param status           this partition's part in the group's status (OK, LAGGING or STALLED; OK until the
 *                         window holds enough refreshes to judge a trend), so a table can mark the stuck row
 */
public record PartitionLag(PartitionId id, Long committed, long logEnd, Long lag, Double lagSeconds,
                           boolean lagSecondsEstimated, Double produceRate, Double consumeRate,
                           Double secondsToDrain, String owner, boolean hot, double produceShare,
                           GroupStatus status) {

    /** As read, without rates or a time to drain computed from them (caught up stays 0 s). */
    public PartitionLag withoutRates() {
        Double drain = lag != null && lag == 0 ? secondsToDrain : null;
        return new PartitionLag(id, committed, logEnd, lag, lagSeconds, lagSecondsEstimated, null, null, drain,
                owner, hot, Double.NaN, status);
    }
}
