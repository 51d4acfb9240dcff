package dev.highwater.core.lag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory chart history, fed with every {@link LagRefresh}, for the groups a person has opened: the group on
 * screen and the few opened before it ({@value #OPENED_GROUPS} in all, the least recently opened forgotten first).
 * Per opened group and partition it keeps the lag (offsets), the lag in seconds and the consume rate; per
 * partition the produce rate. Each series is a {@link SeriesRing} of the settings' history capacity. A group's
 * series are kept for at most {@value #PARTITIONS_PER_GROUP} of its partitions: the
 * {@value #LARGEST_LAG} with the largest lag (the charts draw fewer) and, while room is left, those that were
 * among them before. So memory follows what can be shown, not the cluster's size: a cluster of 40,000
 * group-partitions costs no more than a small one (at most {@value #OPENED_GROUPS} x
 * {@value #PARTITIONS_PER_GROUP} group-partitions, 4 rings each). The past of a group opened now is read from
 * stored history, not from here.
 * <p>
 * A disconnection writes one gap into every series; a partition or group that is gone from a connected refresh
 * has its series dropped. One thread records; readers may look series up and open groups from any thread. With a
 * capacity of 0 it keeps nothing (a headless service whose history lives in Prometheus).
 */
public final class LagHistory {

    /** Groups whose series are kept: the one on screen and the ones opened just before it. */
    public static final int OPENED_GROUPS = 4;
    /** A group's partitions with the largest lag, whose series are always kept. */
    public static final int LARGEST_LAG = 48;
    /** At most this many partitions of a group have series. */
    public static final int PARTITIONS_PER_GROUP = 64;

    /** A partition as one group consumes it. */
    public record GroupPartition(String group, PartitionId partition) {
    }

    private final int capacity;
    private final Map<GroupPartition, SeriesRing> lag = new ConcurrentHashMap<>();
    private final Map<GroupPartition, SeriesRing> lagSeconds = new ConcurrentHashMap<>();
    private final Map<GroupPartition, SeriesRing> consumeRate = new ConcurrentHashMap<>();
    private final Map<PartitionId, SeriesRing> produceRate = new ConcurrentHashMap<>();
    private final LinkedHashSet<String> opened = new LinkedHashSet<>(); // guarded by itself; oldest first
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

    /**
     * Keeps this group's series from the next refresh on; the least recently opened group beyond
     * {@value #OPENED_GROUPS} is forgotten, its series dropped at the next refresh.
     */
    public void open(String group) {
        synchronized (opened) {
            opened.remove(group);
            opened.add(group);
            while (opened.size() > OPENED_GROUPS) {
                opened.remove(opened.getFirst());
            }
        }
    }

    /** The groups whose series are kept, the most recently opened last. */
    public List<String> opened() {
        synchronized (opened) {
            return List.copyOf(opened);
        }
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
        Set<String> charted = new HashSet<>(opened());
        Set<GroupPartition> seen = new HashSet<>();
        Set<PartitionId> seenPartitions = new HashSet<>();
        for (GroupLag g : refresh.groups()) {
            if (!charted.contains(g.groupId())) {
                continue;
            }
            for (PartitionLag p : kept(g)) {
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

    /**
     * The partitions of an opened group whose series this refresh writes: the {@value #LARGEST_LAG} with the
     * largest lag, then those already kept, the largest lag first, up to {@value #PARTITIONS_PER_GROUP}.
     */
    private List<PartitionLag> kept(GroupLag g) {
        if (g.partitions().size() <= PARTITIONS_PER_GROUP) {
            return g.partitions();
        }
        List<PartitionLag> byLag = new ArrayList<>(g.partitions());
        byLag.sort(Comparator.comparingLong((PartitionLag p) -> p.lag() == null ? -1 : p.lag()).reversed()
                .thenComparing(PartitionLag::id));
        List<PartitionLag> out = new ArrayList<>(byLag.subList(0, LARGEST_LAG));
        for (PartitionLag p : byLag.subList(LARGEST_LAG, byLag.size())) {
            if (out.size() == PARTITIONS_PER_GROUP) {
                break;
            }
            if (lag.containsKey(new GroupPartition(g.groupId(), p.id()))) {
                out.add(p);
            }
        }
        return out;
    }

    /** Forgets every series: what follows comes from another cluster. Opened groups stay opened. */
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

    /** How many series are kept in all (each of at most the capacity's points): what memory they take. */
    public int seriesCount() {
        return lag.size() + lagSeconds.size() + consumeRate.size() + produceRate.size();
    }

    /** The groups that have series now. */
    public Set<String> groupsWithSeries() {
        Set<String> out = new TreeSet<>();
        lag.keySet().forEach(k -> out.add(k.group()));
        return out;
    }

    private <K> SeriesRing ring(Map<K, SeriesRing> series, K key) {
        return series.computeIfAbsent(key, k -> new SeriesRing(capacity));
    }
}
