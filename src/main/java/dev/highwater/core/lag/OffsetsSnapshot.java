package dev.highwater.core.lag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one refresh read from a cluster: log offsets of the partitions the selected groups consume, the groups'
 * committed offsets, states and members, and the timestamp of the record at each committed offset. Built by an
 * adapter ({@link OffsetsSource}); the core computes lag, rates and status from a sequence of these.
 *
 * @param takenAtMillis when the read finished (wall clock, epoch millis)
 * @param error         null when the cluster answered; otherwise one sentence (the snapshot is then empty)
 */
public record OffsetsSnapshot(long takenAtMillis, String error, Map<PartitionId, LogOffsets> logs,
                              List<GroupOffsets> groups) {

    public boolean connected() {
        return error == null;
    }

    public static OffsetsSnapshot disconnected(long atMillis, String error) {
        return new OffsetsSnapshot(atMillis, error, Map.of(), List.of());
    }

    /**
     * Only the partitions of the given topics: their logs, the groups' committed offsets and record times on them
     * and the members' assignments of them. Every group stays, members included, even one left with nothing.
     */
    public OffsetsSnapshot keepTopics(Set<String> topics) {
        if (!connected()) {
            return this;
        }
        Map<PartitionId, LogOffsets> keptLogs = new HashMap<>();
        logs.forEach((id, log) -> {
            if (topics.contains(id.topic())) {
                keptLogs.put(id, log);
            }
        });
        List<GroupOffsets> keptGroups = groups.stream().map(g -> new GroupOffsets(g.groupId(), g.state(),
                g.members().stream().map(m -> new Member(m.memberId(), m.clientId(), m.host(),
                        m.assignment().stream().filter(p -> topics.contains(p.topic())).collect(Collectors.toSet())))
                        .toList(),
                only(g.committed(), topics), only(g.recordTimes(), topics))).toList();
        return new OffsetsSnapshot(takenAtMillis, error, keptLogs, keptGroups);
    }

    private static <V> Map<PartitionId, V> only(Map<PartitionId, V> byPartition, Set<String> topics) {
        Map<PartitionId, V> kept = new HashMap<>();
        byPartition.forEach((id, v) -> {
            if (topics.contains(id.topic())) {
                kept.put(id, v);
            }
        });
        return kept;
    }

    /** A partition's log: first and next offsets. */
    public record LogOffsets(PartitionId id, long logStart, long logEnd) {
    }

    /**
     * A group as the cluster describes it.
     *
     * @param state      the coordinator's word: Stable, PreparingRebalance, CompletingRebalance, Empty, Dead…
     * @param committed  committed offset per partition the group has committed for (absent: never committed)
     * @param recordTimes the timestamp of the record at each committed offset, where the partition has lag
     */
    public record GroupOffsets(String groupId, String state, List<Member> members, Map<PartitionId, Long> committed,
                               Map<PartitionId, RecordTime> recordTimes) {
    }

    /** A group member and the partitions assigned to it. */
    public record Member(String memberId, String clientId, String host, Set<PartitionId> assignment) {
    }

    /**
     * The timestamp of the oldest unconsumed record.
     *
     * @param estimated true when the record at the committed offset is gone (retention) and this is the
     *                  timestamp of the oldest record still in the log
     */
    public record RecordTime(long offset, long timestampMillis, boolean estimated) {
    }
}
