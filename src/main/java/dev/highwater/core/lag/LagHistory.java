package dev.highwater.core.lag;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory chart history, fed with every {@link LagRefresh}: per group and partition the lag (offsets), the
 * lag in seconds and the consume rate; per partition the produce rate. Each series is a {@link SeriesRing} of
 * the settings' history capacity. A disconnection writes one gap into every series; a partition or group that
 * is gone from a connected refresh has its series dropped. One thread records; readers may look series up from
 * any thread. With a capacity of 0 it keeps nothing (a headless service whose history lives in Prometheus).
 */
public final class LagHistory {

    /** A partition as one group consumes it. */
    public record GroupPartition(String group, PartitionId partition) {
    }

    private final int capacity;
    private final Map<GroupPartition, SeriesRing> lag = new ConcurrentHashMap<>();
    private final Map<GroupPartition, SeriesRing> lagSeconds = new ConcurrentHashMap<>();
    private final Map<GroupPartition, SeriesRing> consumeRate = new ConcurrentHashMap<>();
    private final Map<PartitionId, SeriesRing> produceRate = new ConcurrentHashMap<>();
    private boolean gapWritten;

    public LagHistory(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
    }

    public LagHistory(LagSettings settings) {
        this(settings.historyCapacity());
    }

    public void record(LagRefresh refresh) {
        if (capacity == 0) {
            return;
        }
        long at = refresh.atMillis();
        if (!refresh.connected()) {
            if (!gapWritten) { // one gap per outage, so a long outage does not push the history out
                lag.values().forEach(s -> s.addGap(at));
                lagSeconds.values().forEach(s -> s.addGap(at));
                consumeRate.values().forEach(s -> s.addGap(at));
                produceRate.values().forEach(s -> s.addGap(at));
                gapWritten = true;
            }
            return;
        }
        gapWritten = false;
        Set<GroupPartition> seen = new HashSet<>();
        Set<PartitionId> seenPartitions = new HashSet<>();
        for (GroupLag g : refresh.groups()) {
            for (PartitionLag p : g.partitions()) {
                GroupPartition key = new GroupPartition(g.groupId(), p.id());
                seen.add(key);
                ring(lag, key).add(at, p.lag() == null ? Double.NaN : p.lag().doubleValue());
                ring(lagSeconds, key).add(at, p.lagSeconds());
                ring(consumeRate, key).add(at, p.consumeRate());
                if (seenPartitions.add(p.id())) { // several groups may read the same partition
                    ring(produceRate, p.id()).add(at, p.produceRate());
                }
            }
        }
        lag.keySet().retainAll(seen);
        lagSeconds.keySet().retainAll(seen);
        consumeRate.keySet().retainAll(seen);
        produceRate.keySet().retainAll(seenPartitions);
    }

    /** Forgets every series: what follows comes from another cluster. */
    public void clear() {
        lag.clear();
        lagSeconds.clear();
        consumeRate.clear();
        produceRate.clear();
        gapWritten = false;
    }

    public Optional<SeriesRing> lag(String group, PartitionId partition) {
        return Optional.ofNullable(lag.get(new GroupPartition(group, partition)));
    }

    public Optional<SeriesRing> lagSeconds(String group, PartitionId partition) {
        return Optional.ofNullable(lagSeconds.get(new GroupPartition(group, partition)));
    }

    public Optional<SeriesRing> consumeRate(String group, PartitionId partition) {
        return Optional.ofNullable(consumeRate.get(new GroupPartition(group, partition)));
    }

    public Optional<SeriesRing> produceRate(PartitionId partition) {
        return Optional.ofNullable(produceRate.get(partition));
    }

    /** The partitions of a group that have series, in order. */
    public Set<PartitionId> partitions(String group) {
        Set<PartitionId> out = new TreeSet<>();
        lag.keySet().stream().filter(k -> k.group().equals(group)).forEach(k -> out.add(k.partition()));
        return out;
    }

    private <K> SeriesRing ring(Map<K, SeriesRing> series, K key) {
        return series.computeIfAbsent(key, k -> new SeriesRing(capacity));
    }
}
