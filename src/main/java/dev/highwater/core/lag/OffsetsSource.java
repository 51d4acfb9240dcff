package dev.highwater.core.lag;

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
     * The identity of the cluster the last successful read came from (Kafka's cluster id), or null while none is
     * known. Stored history is kept under it: a broker started afresh at the same address is another cluster.
     */
    default String clusterId() {
        return null;
    }

    @Override
    void close();
}
