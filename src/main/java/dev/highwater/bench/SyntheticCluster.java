package dev.highwater.bench;

import dev.highwater.core.lag.KeySampleSource;
import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.lag.OffsetsSource;
import dev.highwater.core.lag.PartitionId;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster made of numbers, for measuring a screen rather than a broker: one group reading one topic of N
 * partitions at a steady 100 records/s each, a few partitions falling behind. Every read moves the offsets on
 * by the time passed, so each refresh brings new values to draw.
 */
public final class SyntheticCluster implements OffsetsSource, KeySampleSource {

    public static final String GROUP = "synthetic-group";
    public static final String TOPIC = "synthetic-topic";

    private final int partitions;
    private final Clock clock;
    private final long start;

    public SyntheticCluster(int partitions, Clock clock) {
        this.partitions = partitions;
        this.clock = clock;
        this.start = clock.millis();
    }

    @Override
    public Set<String> groups() {
        return Set.of(GROUP);
    }

    @Override
    public OffsetsSnapshot read(Set<String> groups) {
        long now = clock.millis();
        double seconds = (now - start) / 1000.0;
        Map<PartitionId, OffsetsSnapshot.LogOffsets> logs = new HashMap<>();
        Map<PartitionId, Long> committed = new HashMap<>();
        Map<PartitionId, OffsetsSnapshot.RecordTime> times = new HashMap<>();
        Set<PartitionId> assigned = new HashSet<>();
        for (int p = 0; p < partitions; p++) {
            PartitionId id = new PartitionId(TOPIC, p);
            boolean behind = p % 8 == 0; // every eighth partition consumes at half its produce rate
            long end = 1_000 + (long) (seconds * 100 * (1 + p % 3));
            long lag = behind ? (long) (seconds * 50 * (1 + p % 3)) + 40 : 20 + (p * 7L) % 60;
            long offset = Math.max(0, end - lag);
            logs.put(id, new OffsetsSnapshot.LogOffsets(id, 0, end));
            committed.put(id, offset);
            times.put(id, new OffsetsSnapshot.RecordTime(offset, now - lag * 10, false));
            assigned.add(id);
        }
        List<OffsetsSnapshot.Member> members = new ArrayList<>();
        members.add(new OffsetsSnapshot.Member("m-1", "synthetic-consumer-1", "/127.0.0.1", assigned));
        return new OffsetsSnapshot(now, null, logs, List.of(new OffsetsSnapshot.GroupOffsets(GROUP, "Stable",
                members, committed, times)));
    }

    @Override
    public List<SampledKey> sample(String topic, int perPartition) {
        List<SampledKey> keys = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            for (int i = 0; i < 20; i++) {
                keys.add(new SampledKey(topic, p, "key-" + (p * 31 + i)));
            }
        }
        return keys;
    }

    @Override
    public void close() {
    }
}
