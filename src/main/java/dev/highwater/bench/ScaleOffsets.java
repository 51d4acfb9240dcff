package dev.highwater.bench;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.PartitionLag;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The committed offsets of the scale cluster's groups, as set by the bench, and the check that a refresh read
 * them all with their exact lag in seconds (the age of the known record at each committed offset). A refresh that
 * leaves out a group-partition or gets a time wrong is not timed: it fails the suite.
 */
final class ScaleOffsets {

    private static final int GROUPS_IN_FLIGHT = 250;

    private final ScaleShape shape;
    private final long firstMillis;
    /** Per group, the offset committed on each of its partitions. */
    private final long[][] committed;
    private int moves;

    ScaleOffsets(ScaleShape shape, long firstMillis) {
        this.shape = shape;
        this.firstMillis = firstMillis;
        this.committed = new long[shape.groups()][shape.partitionsPerGroup()];
    }

    /** Every group back to its first commit (a kept cluster holds the last run's moves). */
    void commitFirst(Admin admin) throws Exception {
        List<Integer> all = new ArrayList<>();
        for (int g = 0; g < shape.groups(); g++) {
            for (int j = 0; j < shape.partitionsPerGroup(); j++) {
                committed[g][j] = shape.firstCommit(g, j);
            }
            all.add(g);
        }
        commit(admin, all);
        moves = 0;
    }

    /**
     * A tenth of the groups (others at each call) commit one record further on each partition, as consumers of a
     * live cluster do between two refreshes. Returns the group-partitions that moved.
     */
    int moveATenth(Admin admin) throws Exception {
        List<Integer> moving = new ArrayList<>();
        int round = moves++;
        for (int g = 0; g < shape.groups(); g++) {
            if (g % 10 == round % 10) {
                moving.add(g);
                for (int j = 0; j < shape.partitionsPerGroup(); j++) {
                    // wrapped back before the end, so every group-partition keeps lagging
                    long next = committed[g][j] + 1;
                    committed[g][j] = next >= shape.recordsPerPartition() - 1 ? shape.firstCommit(g, j) : next;
                }
            }
        }
        commit(admin, moving);
        return moving.size() * shape.partitionsPerGroup();
    }

    private void commit(Admin admin, List<Integer> groups) throws Exception {
        for (int from = 0; from < groups.size(); from += GROUPS_IN_FLIGHT) {
            List<KafkaFuture<Void>> pending = new ArrayList<>();
            for (int g : groups.subList(from, Math.min(groups.size(), from + GROUPS_IN_FLIGHT))) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (int j = 0; j < shape.partitionsPerGroup(); j++) {
                    offsets.put(shape.partitionOf(g, j), new OffsetAndMetadata(committed[g][j]));
                }
                pending.add(admin.alterConsumerGroupOffsets(shape.group(g), offsets).all());
            }
            KafkaFuture.allOf(pending.toArray(KafkaFuture[]::new)).get(5, TimeUnit.MINUTES);
        }
    }

    /** Throws, with the first wrong rows, unless every group-partition is there with its exact lag in seconds. */
    void check(LagRefresh refresh) {
        if (!refresh.connected()) {
            throw new IllegalStateException("the scale refresh failed: " + refresh.error());
        }
        long rows = 0;
        long exact = 0;
        List<String> wrong = new ArrayList<>();
        for (GroupLag g : refresh.groups()) {
            int gi = ScaleShape.groupIndex(g.groupId());
            for (PartitionLag p : g.partitions()) {
                rows++;
                int t = ScaleShape.topicIndex(p.id().topic());
                long c = committed[gi][shape.indexInGroup(t, p.id().partition())];
                double expected = Math.max(0, refresh.atMillis()
                        - shape.timestamp(firstMillis, t, p.id().partition(), c)) / 1000.0;
                if (p.committed() != null && p.committed() == c && p.lagSeconds() != null
                        && p.lagSeconds() == expected && !p.lagSecondsEstimated()) {
                    exact++;
                } else if (wrong.size() < 3) {
                    wrong.add(g.groupId() + " " + p.id() + ": committed " + p.committed() + " (set " + c + "), "
                            + p.lagSeconds() + " s (expected " + expected + ")");
                }
            }
        }
        if (rows != shape.groupPartitions() || exact != rows) {
            throw new IllegalStateException("the scale refresh is incomplete or wrong: " + rows + " rows of "
                    + shape.groupPartitions() + ", " + exact + " with their exact lag in seconds"
                    + (wrong.isEmpty() ? "" : "; e.g. " + String.join("; ", wrong)));
        }
    }
}
