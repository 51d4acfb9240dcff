package dev.highwater.metrics;

import java.util.List;

/**
 * The names of the series {@code highwater serve} exposes on {@code /metrics}: a contract that the shipped Grafana
 * dashboard, the Prometheus alerting rules and a team's own queries rely on, so a name here never changes meaning.
 * Every series carries the label {@value #CLUSTER} (the cluster's name from the clusters file, or its bootstrap
 * servers); group series add {@value #GROUP}; partition series add {@value #TOPIC} and {@value #PARTITION}.
 * Units are in the names (Prometheus's conventions): seconds, records per second; lag and offsets are counts of
 * records. A value that is unknown (no committed offset, a rate before two refreshes) is left out, never 0.
 */
public final class LagMetricNames {

    public static final String CLUSTER = "cluster";
    public static final String GROUP = "group";
    public static final String TOPIC = "topic";
    public static final String PARTITION = "partition";
    /** The label of {@link #GROUP_STATUS}: OK, LAGGING, STALLED or EMPTY. */
    public static final String STATUS = "status";

    // ---- per group and partition (turned off as a whole by the switch for very large clusters, except HOT) ----
    /** The group's committed offset on the partition. */
    public static final String PARTITION_COMMITTED_OFFSET = "highwater_partition_committed_offset";
    /** The partition's log-end offset. */
    public static final String PARTITION_END_OFFSET = "highwater_partition_end_offset";
    /** End offset minus committed offset. */
    public static final String PARTITION_LAG = "highwater_partition_lag";
    /** Exact lag in seconds: the age of the oldest record the group has not consumed; 0 when caught up. */
    public static final String PARTITION_LAG_SECONDS = "highwater_partition_lag_seconds";
    public static final String PARTITION_PRODUCE_RATE = "highwater_partition_produce_records_per_second";
    public static final String PARTITION_CONSUME_RATE = "highwater_partition_consume_records_per_second";
    /** At the current rates, how long until the group has caught up on the partition; absent when lag does not shrink. */
    public static final String PARTITION_TIME_TO_DRAIN = "highwater_partition_time_to_drain_seconds";
    /**
     * 1 for a hot partition (lag far above the group's average). Only hot partitions have this series, and it is
     * kept when the other per-partition series are switched off: it is bounded by what is wrong, not by size.
     */
    public static final String PARTITION_HOT = "highwater_partition_hot";

    // ---- per group ----
    /** The sum of the partitions' lag. */
    public static final String GROUP_LAG = "highwater_group_lag";
    /** The largest lag in seconds among the group's partitions. */
    public static final String GROUP_LAG_SECONDS = "highwater_group_lag_seconds";
    public static final String GROUP_PRODUCE_RATE = "highwater_group_produce_records_per_second";
    public static final String GROUP_CONSUME_RATE = "highwater_group_consume_records_per_second";
    /** The longest time to drain among the group's partitions; absent when some partition's lag does not shrink. */
    public static final String GROUP_TIME_TO_DRAIN = "highwater_group_time_to_drain_seconds";
    /** One series per status, 1 for the group's status and 0 for the others (label {@value #STATUS}). */
    public static final String GROUP_STATUS = "highwater_group_status";
    /** How many of the group's partitions are hot. */
    public static final String GROUP_HOT_PARTITIONS = "highwater_group_hot_partitions";
    public static final String GROUP_MEMBERS = "highwater_group_members";
    public static final String GROUP_PARTITIONS = "highwater_group_partitions";

    // ---- per cluster: the refresh itself ----
    /** 1 when the cluster answered the last refresh, 0 when it did not. */
    public static final String CLUSTER_UP = "highwater_cluster_up";
    /** How many groups are watched (after --include and --exclude). */
    public static final String CLUSTER_GROUPS = "highwater_cluster_groups";
    /** How long the last refresh took. */
    public static final String REFRESH_DURATION = "highwater_refresh_duration_seconds";
    /** When the last refresh that the cluster answered was made (Unix time). */
    public static final String REFRESH_LAST_SUCCESS = "highwater_refresh_last_success_timestamp_seconds";
    /** Refreshes made (counter; exposed with the suffix _total). */
    public static final String REFRESHES = "highwater_refreshes";
    /** Refreshes the cluster did not answer (counter; exposed with the suffix _total). */
    public static final String REFRESH_ERRORS = "highwater_refresh_errors";

    /** Every name above, for tests that check the dashboard and the rules use no other. */
    public static final List<String> ALL = List.of(PARTITION_COMMITTED_OFFSET, PARTITION_END_OFFSET, PARTITION_LAG,
            PARTITION_LAG_SECONDS, PARTITION_PRODUCE_RATE, PARTITION_CONSUME_RATE, PARTITION_TIME_TO_DRAIN,
            PARTITION_HOT, GROUP_LAG, GROUP_LAG_SECONDS, GROUP_PRODUCE_RATE, GROUP_CONSUME_RATE, GROUP_TIME_TO_DRAIN,
            GROUP_STATUS, GROUP_HOT_PARTITIONS, GROUP_MEMBERS, GROUP_PARTITIONS, CLUSTER_UP, CLUSTER_GROUPS,
            REFRESH_DURATION, REFRESH_LAST_SUCCESS, REFRESHES, REFRESH_ERRORS);

    private LagMetricNames() {
    }
}
