package dev.highwater.core.lag;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where lag history outlives the process, so the past hour is still there for the post-incident review after
 * a restart. Implementations must not be called on the UI thread.
 */
public interface LagHistoryStore extends AutoCloseable {

    /** One refresh as kept: the totals of the groups in it, and a row per partition of the groups named. */
    record Kept(LagRefresh refresh, Set<String> withPartitions) {
    }

    /**
     * Keeps refreshes of one cluster, under the cluster's identity (its cluster id, not its address: a new
     * cluster at an old address must not inherit the old one's history), all at once: a store writes far less
     * for a few seconds of refreshes at once than for each alone. The lag service names the groups kept per
     * partition within a budget (see {@link HistoryBudget}); a disconnected refresh keeps nothing.
     */
    void append(String cluster, List<Kept> refreshes);

    /** Keeps one refresh: every group's totals, and the partitions of the groups named. */
    default void append(String cluster, LagRefresh refresh, Set<String> withPartitions) {
        append(cluster, List.of(new Kept(refresh, withPartitions)));
    }

    /** Keeps one refresh, every group with its partitions. */
    default void append(String cluster, LagRefresh refresh) {
        append(cluster, refresh, refresh.groups().stream().map(GroupLag::groupId).collect(Collectors.toSet()));
    }

    /** The samples of a cluster's group from the given instant on, oldest first. */
    List<LagSample> since(String cluster, String group, long fromMillis);

    /** As {@link #since}, the group's totals only (one sample per refresh): a day of them is small. */
    default List<LagSample> totalsSince(String cluster, String group, long fromMillis) {
        return since(cluster, group, fromMillis).stream().filter(LagSample::isGroupTotal).toList();
    }

    /** Drops samples older than the instant; returns how many. */
    int pruneBefore(long millis);

    /**
     * Drops samples older than {@code millis}, and the rows per partition (not the totals) older than
     * {@code partitionRowsMillis}, a later instant; returns how many. A store that keeps both alike may ignore it.
     */
    default int pruneBefore(long millis, long partitionRowsMillis) {
        return pruneBefore(millis);
    }

    @Override
    void close();
}
