package dev.highwater.core.lag;

import java.util.List;

/**
 * Where lag history outlives the process, so the past hour is still there for the post-incident review after
 * a restart. Implementations must not be called on the UI thread.
 */
public interface LagHistoryStore extends AutoCloseable {

    /**
     * Keeps one refresh of one cluster, under the cluster's identity (its cluster id, not its address: a new
     * cluster at an old address must not inherit the old one's history).
     */
    void append(String cluster, LagRefresh refresh);

    /** The samples of a cluster's group from the given instant on, oldest first. */
    List<LagSample> since(String cluster, String group, long fromMillis);

    /** As {@link #since}, the group's totals only (one sample per refresh): a day of them is small. */
    default List<LagSample> totalsSince(String cluster, String group, long fromMillis) {
        return since(cluster, group, fromMillis).stream().filter(LagSample::isGroupTotal).toList();
    }

    /** Drops samples older than the instant; returns how many. */
    int pruneBefore(long millis);

    @Override
    void close();
}
