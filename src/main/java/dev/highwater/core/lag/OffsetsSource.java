package dev.highwater.core.lag;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Reads offsets from a cluster, read-only: it never joins, commits for or otherwise changes a group. */
public interface OffsetsSource extends AutoCloseable {

    /** The consumer groups the cluster knows. */
    Set<String> groups();

    /**
     * One snapshot of the given groups (all groups when empty). Never throws for an unreachable cluster or a
     * deleted topic: returns a disconnected snapshot or leaves the missing partitions out.
     */
    OffsetsSnapshot read(Set<String> groups);

    /**
     * As {@link #read(Set)}, keeping only the partitions of the given topics (all topics when empty). An
     * implementation that can leave the other topics unread should: their log offsets and record times are work.
     */
    default OffsetsSnapshot read(Set<String> groups, Set<String> topics) {
        OffsetsSnapshot all = read(groups);
        return topics.isEmpty() ? all : all.keepTopics(topics);
    }

    /** Every consumer group with its state and member count, by group id; without reading any offset. */
    default List<ListedGroup> listGroups() {
        OffsetsSnapshot all = read(Set.of());
        if (!all.connected()) {
            throw new IllegalStateException(all.error());
        }
        return all.groups().stream()
                .map(g -> new ListedGroup(g.groupId(), g.state(), g.members().size()))
                .sorted(Comparator.comparing(ListedGroup::groupId))
                .toList();
    }

    /**
     * The identity of the cluster the last successful read came from (Kafka's cluster id), or null while none is
     * known. Stored history is kept under it: a broker started afresh at the same address is another cluster.
     */
    default String clusterId() {
        return null;
    }

    @Override
    void close();
}
