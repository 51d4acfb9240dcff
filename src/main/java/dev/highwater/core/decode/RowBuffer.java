package dev.highwater.core.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The newest decoded records a tail keeps, at most {@code capacity}, with the counts that say what it does not
 * show: records read, records the filter kept, and poison pills per partition. Written by decode workers in
 * batches, read as snapshots; thread-safe.
 */
public final class RowBuffer {

    /** What a view shows: the rows newest first and the counts. */
    public record Snapshot(List<DecodedRecord> newestFirst, long read, long kept, long notShown,
                           Map<Integer, Long> poisonByPartition, long poison) {
    }

    private final DecodedRecord[] ring;
    private int next;
    private int size;
    private long read;
    private long kept;
    private long poison;
    private final Map<Integer, Long> poisonByPartition = new TreeMap<>();

    public RowBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        ring = new DecodedRecord[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    /** Adds the kept records of a batch of {@code readCount} records, in order. */
    public synchronized void add(List<DecodedRecord> keptRecords, int readCount) {
        read += readCount;
        for (DecodedRecord r : keptRecords) {
            ring[next] = r;
            next = (next + 1) % ring.length;
            size = Math.min(size + 1, ring.length);
            kept++;
            if (r.poison()) {
                poison++;
                poisonByPartition.merge(r.raw().partition(), 1L, Long::sum);
            }
        }
    }

    public synchronized Snapshot snapshot() {
        List<DecodedRecord> rows = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            rows.add(ring[Math.floorMod(next - i, ring.length)]);
        }
        return new Snapshot(rows, read, kept, kept - size, Map.copyOf(poisonByPartition), poison);
    }

    /** Keeps only the rows that pass (after the filter changed); the rest count as not shown. */
    public synchronized void retain(Predicate<DecodedRecord> keep) {
        List<DecodedRecord> rows = new ArrayList<>(size);
        for (int i = size; i >= 1; i--) {
            DecodedRecord r = ring[Math.floorMod(next - i, ring.length)];
            if (keep.test(r)) {
                rows.add(r);
            }
        }
        java.util.Arrays.fill(ring, null);
        next = 0;
        size = 0;
        for (DecodedRecord r : rows) {
            ring[next++] = r;
            size++;
        }
        next %= ring.length;
    }

    public synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        next = 0;
        size = 0;
        read = 0;
        kept = 0;
        poison = 0;
        poisonByPartition.clear();
    }
}
