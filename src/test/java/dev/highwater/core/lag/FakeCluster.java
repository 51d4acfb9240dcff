package dev.highwater.core.lag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A cluster the tests drive by hand: produce, commit, change members, then take a snapshot at a given time. */
final class FakeCluster {

    private final Map<PartitionId, Long> ends = new TreeMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();

    static PartitionId p(String topic, int partition) {
        return new PartitionId(topic, partition);
    }

    FakeCluster topic(String topic, int partitions) {
        for (int i = 0; i < partitions; i++) {
            ends.put(p(topic, i), 0L);
        }
        return this;
    }

    void deleteTopic(String topic) {
        ends.keySet().removeIf(id -> id.topic().equals(topic));
    }

    void produce(PartitionId id, long records) {
        ends.merge(id, records, Long::sum);
    }

    /** Produces to each partition of the topic in turn: {@code records[i]} to partition i. */
    void produce(String topic, long... records) {
        for (int i = 0; i < records.length; i++) {
            produce(p(topic, i), records[i]);
        }
    }

    long end(PartitionId id) {
        return ends.get(id);
    }

    Group group(String id) {
        return groups.computeIfAbsent(id, Group::new);
    }

    void deleteGroup(String id) {
        groups.remove(id);
    }

    OffsetsSnapshot snapshot(long atMillis) {
        Map<PartitionId, OffsetsSnapshot.LogOffsets> logs = new HashMap<>();
        ends.forEach((id, end) -> logs.put(id, new OffsetsSnapshot.LogOffsets(id, 0, end)));
        List<OffsetsSnapshot.GroupOffsets> described = new ArrayList<>();
        for (Group g : groups.values()) {
            described.add(new OffsetsSnapshot.GroupOffsets(g.id, g.state, List.copyOf(g.members),
                    Map.copyOf(g.committed), Map.copyOf(g.recordTimes)));
        }
        return new OffsetsSnapshot(atMillis, null, logs, described);
    }

    static final class Group {
        final String id;
        String state = "Stable";
        final List<OffsetsSnapshot.Member> members = new ArrayList<>();
        final Map<PartitionId, Long> committed = new HashMap<>();
        final Map<PartitionId, OffsetsSnapshot.RecordTime> recordTimes = new HashMap<>();

        Group(String id) {
            this.id = id;
        }

        Group member(String memberId, String clientId, PartitionId... assignment) {
            members.add(new OffsetsSnapshot.Member(memberId, clientId, "/10.0.0.1", Set.of(assignment)));
            return this;
        }

        Group commit(PartitionId id, long offset) {
            committed.put(id, offset);
            return this;
        }

        Group recordTime(PartitionId id, long offset, long timestampMillis, boolean estimated) {
            recordTimes.put(id, new OffsetsSnapshot.RecordTime(offset, timestampMillis, estimated));
            return this;
        }
    }
}
