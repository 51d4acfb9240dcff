package dev.highwater.core.lag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The heaviest keys of one topic's sampled records in bounded memory: the space-saving algorithm (Metwally,
 * Agrawal, El Abbadi, 2005). At most {@code capacity} keys are tracked; a new key takes the place of the least
 * counted one and inherits its count as a possible overcount. Any key above 1/capacity of the records is always
 * tracked, and {@code count − overcount} never exceeds its true count, which is what this reports.
 */
final class TopKeyCounter {

    /** A key normally lands in one partition; a few more cover a repartitioned topic or a custom partitioner. */
    static final int MAX_PARTITIONS_PER_KEY = 16;

    static final class Counter {
        final String key;
        final long order; // breaks ties between equal counts: the older one goes first
        long count;
        final long overcount;
        final Map<Integer, Long> byPartition = new TreeMap<>();

        Counter(String key, long order, long count, long overcount) {
            this.key = key;
            this.order = order;
            this.count = count;
            this.overcount = overcount;
        }

        /** A count the key certainly reached. */
        long guaranteed() {
            return count - overcount;
        }
    }

    private static final Comparator<Counter> LEAST_FIRST =
            Comparator.<Counter>comparingLong(c -> c.count).thenComparingLong(c -> c.order);

    private final int capacity;
    private final Map<String, Counter> byKey = new HashMap<>();
    private final TreeSet<Counter> byCount = new TreeSet<>(LEAST_FIRST);
    private final Map<Integer, Long> sampledByPartition = new TreeMap<>();
    private final Map<Integer, Long> keylessByPartition = new TreeMap<>();
    private long sampled;
    private long keyless;
    private long order;

    TopKeyCounter(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Counts one record; a null key counts as keyless (round-robin: never a hot key). */
    void add(int partition, String key) {
        sampled++;
        sampledByPartition.merge(partition, 1L, Long::sum);
        if (key == null) {
            keyless++;
            keylessByPartition.merge(partition, 1L, Long::sum);
            return;
        }
        Counter c = byKey.get(key);
        if (c == null) {
            long inherited = 0;
            if (byKey.size() >= capacity) {
                Counter least = byCount.pollFirst();
                byKey.remove(least.key);
                inherited = least.count;
            }
            c = new Counter(key, order++, inherited, inherited);
            byKey.put(key, c);
        } else {
            byCount.remove(c);
        }
        c.count++;
        byCount.add(c);
        if (c.byPartition.size() < MAX_PARTITIONS_PER_KEY || c.byPartition.containsKey(partition)) {
            c.byPartition.merge(partition, 1L, Long::sum);
        }
    }

    long sampled() {
        return sampled;
    }

    long keyless() {
        return keyless;
    }

    long sampled(int partition) {
        return sampledByPartition.getOrDefault(partition, 0L);
    }

    long keyless(int partition) {
        return keylessByPartition.getOrDefault(partition, 0L);
    }

    /** The partitions sampled, ascending. */
    List<Integer> partitions() {
        return List.copyOf(sampledByPartition.keySet());
    }

    /** The partitions with keyless records, ascending. */
    List<Integer> keylessPartitions() {
        return List.copyOf(keylessByPartition.keySet());
    }

    int trackedKeys() {
        return byKey.size();
    }

    /** The tracked keys, the most certainly counted first. */
    List<Counter> heaviest(int n) {
        List<Counter> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparingLong(Counter::guaranteed).reversed().thenComparing(c -> c.key));
        return all.subList(0, Math.min(n, all.size()));
    }

    /** The tracked keys seen in one partition, the most counted there first, with their count there. */
    List<Map.Entry<Counter, Long>> heaviestIn(int partition, int n) {
        List<Map.Entry<Counter, Long>> in = new ArrayList<>();
        for (Counter c : byKey.values()) {
            Long there = c.byPartition.get(partition); // counted since tracked: a lower bound, as guaranteed()
            if (there != null) {
                in.add(Map.entry(c, there));
            }
        }
        in.sort(Map.Entry.<Counter, Long>comparingByValue().reversed().thenComparing(e -> e.getKey().key));
        return in.subList(0, Math.min(n, in.size()));
    }
}
