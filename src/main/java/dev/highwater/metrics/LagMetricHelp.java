package dev.highwater.metrics;

import java.util.Map;

import static dev.highwater.metrics.LagMetricNames.*;

/** The HELP line of each series on {@code /metrics}: what it measures, in its unit. */
final class LagMetricHelp {

    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry(PARTITION_COMMITTED_OFFSET, "The group's committed offset on the partition."),
            Map.entry(PARTITION_END_OFFSET, "The partition's log-end offset."),
            Map.entry(PARTITION_LAG, "Records the group has not consumed on the partition (end minus committed offset)."),
            Map.entry(PARTITION_LAG_SECONDS, "Age of the oldest record the group has not consumed on the partition,"
                    + " read from the record itself; 0 when caught up."),
            Map.entry(PARTITION_PRODUCE_RATE, "Records appended to the partition per second."),
            Map.entry(PARTITION_CONSUME_RATE, "Records the group commits on the partition per second."),
            Map.entry(PARTITION_TIME_TO_DRAIN, "Seconds until the group catches up on the partition at the current"
                    + " rates; absent when its lag does not shrink."),
            Map.entry(PARTITION_HOT, "1 for a partition whose lag is far above the group's average (only hot"
                    + " partitions have this series)."),
            Map.entry(GROUP_LAG, "Records the group has not consumed, over its partitions."),
            Map.entry(GROUP_LAG_SECONDS, "The largest lag in seconds among the group's partitions."),
            Map.entry(GROUP_PRODUCE_RATE, "Records appended per second to the partitions the group reads."),
            Map.entry(GROUP_CONSUME_RATE, "Records the group commits per second."),
            Map.entry(GROUP_TIME_TO_DRAIN, "Seconds until the group catches up at the current rates; absent when the"
                    + " lag of one of its partitions does not shrink."),
            Map.entry(GROUP_STATUS, "1 for the group's status (OK, LAGGING, STALLED, EMPTY), 0 for the others."),
            Map.entry(GROUP_HOT_PARTITIONS, "How many of the group's partitions are hot."),
            Map.entry(GROUP_MEMBERS, "Members of the group."),
            Map.entry(GROUP_PARTITIONS, "Partitions the group reads."),
            Map.entry(CLUSTER_UP, "1 when the cluster answered the last refresh, 0 when it did not."),
            Map.entry(CLUSTER_GROUPS, "Consumer groups watched on the cluster."),
            Map.entry(REFRESH_DURATION, "How long the last refresh of the cluster took, in seconds."),
            Map.entry(REFRESH_LAST_SUCCESS, "When the cluster last answered a refresh (Unix time)."),
            Map.entry(REFRESHES, "Refreshes of the cluster made."),
            Map.entry(REFRESH_ERRORS, "Refreshes the cluster did not answer."));

    private LagMetricHelp() {
    }

    static String of(String name) {
        return HELP.get(name);
    }
}
