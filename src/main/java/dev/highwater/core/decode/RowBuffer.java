package dev.highwater.core.decode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The newest decoded records a tail keeps, at most {@code capacity}, with the counts that say what it does not
 * show: records read, records the filter kept, and poison pills per partition. Undecodable records are also kept
 * in a list of their own, which only newer undecodable records push out, so a poison pill stays findable after a
 * busy topic has pushed it out of the rows. Both lists are bounded in records and in bytes. Written by decode
 * workers in batches, read as snapshots; thread-safe.
 */
public final class RowBuffer {

    /**
     * The most rows a user may ask to keep. The console runs in a 512 MB heap: a demo row (its record of about
     * 200 bytes, the decoded form and its summary) costs about 1 KB, so 50,000 rows stay near 50 MB, a tenth of
     * the heap, and {@link #MAX_BYTES} stops larger records from taking more.
     */
    public static final int MAX_CAPACITY = 50_000;
    /** The most record bytes (keys and values) the rows hold: older rows go first past it, whatever the count. */
    public static final long MAX_BYTES = 64L << 20;
    /** Undecodable records kept apart from the rows, and the bytes they may hold. */
    public static final int UNDECODABLE_CAPACITY = 1_000;
    public static final long UNDECODABLE_MAX_BYTES = 16L << 20;

    /**
     * What a view shows: the rows newest first (in the order they were read), the counts, the time span the rows
     * cover, and the undecodable records kept apart, newest first.
     *
     * @param oldest the earliest record timestamp among the rows (epoch ms), or -1 with no rows
     * @param newest the latest record timestamp among the rows (epoch ms), or -1 with no rows
     */
    public record Snapshot(List<DecodedRecord> newestFirst, long read, long kept, long notShown,
                           Map<Integer, Long> poisonByPartition, long poison, long oldest, long newest,
                           List<DecodedRecord> undecodable) {
    }

    private DecodedRecord[] ring;
    private int next;
    private int size;
    private long bytes;
    private long read;
    private long kept;
    private long poison;
    private final Map<Integer, Long> poisonByPartition = new TreeMap<>();
    private final ArrayDeque<DecodedRecord> undecodable = new ArrayDeque<>(); // oldest first
    private long undecodableBytes;

    public RowBuffer(int capacity) {
        ring = new DecodedRecord[checked(capacity)];
    }

    private static int checked(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "The table keeps from 1 to %,d rows, not %,d.", MAX_CAPACITY, capacity));
        }
        return capacity;
    }

    public synchronized int capacity() {
        return ring.length;
    }

    /** Adds the kept records of a batch of {@code readCount} records, in order. */
    public synchronized void add(List<DecodedRecord> keptRecords, int readCount) {
        read += readCount;
        for (DecodedRecord r : keptRecords) {
            if (size == ring.length) {
                dropOldest();
            }
            ring[next] = r;
            next = (next + 1) % ring.length;
            size++;
            bytes += r.raw().size();
            kept++;
            if (r.poison()) {
                poison++;
                poisonByPartition.merge(r.raw().partition(), 1L, Long::sum);
                keepUndecodable(r);
            }
        }
        while (bytes > MAX_BYTES && size > 1) {
            dropOldest();
        }
    }

    private void keepUndecodable(DecodedRecord r) {
        undecodable.addLast(r);
        undecodableBytes += r.raw().size();
        while (undecodable.size() > UNDECODABLE_CAPACITY
                || undecodableBytes > UNDECODABLE_MAX_BYTES && undecodable.size() > 1) {
            undecodableBytes -= undecodable.removeFirst().raw().size();
        }
    }

    private void dropOldest() {
        int oldest = Math.floorMod(next - size, ring.length);
        bytes -= ring[oldest].raw().size();
        ring[oldest] = null;
        size--;
    }

    public synchronized Snapshot snapshot() {
        List<DecodedRecord> rows = new ArrayList<>(size);
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        for (int i = 1; i <= size; i++) {
            DecodedRecord r = ring[Math.floorMod(next - i, ring.length)];
            rows.add(r);
            oldest = Math.min(oldest, r.raw().timestamp());
            newest = Math.max(newest, r.raw().timestamp());
        }
        if (size == 0) {
            oldest = -1;
            newest = -1;
        }
        return new Snapshot(rows, read, kept, kept - size, Map.copyOf(poisonByPartition), poison, oldest, newest,
                List.copyOf(undecodable.reversed()));
    }

    /** Keeps the newest {@code capacity} rows and at most that many from now on. */
    public synchronized void resize(int capacity) {
        checked(capacity);
        List<DecodedRecord> rows = oldestFirst();
        List<DecodedRecord> keep = rows.subList(Math.max(0, rows.size() - capacity), rows.size());
        ring = new DecodedRecord[capacity];
        refill(keep);
    }

    /**
     * Keeps only the rows that pass (after the filter changed); the rest no longer count as kept, so the counts
     * say what the new filter matches among the rows, not that they were pushed out.
     */
    public synchronized void retain(Predicate<DecodedRecord> keep) {
        List<DecodedRecord> rows = new ArrayList<>(size);
        for (DecodedRecord r : oldestFirst()) {
            if (keep.test(r)) {
                rows.add(r);
            }
        }
        kept -= size - rows.size();
        java.util.Arrays.fill(ring, null);
        refill(rows);
    }

    private List<DecodedRecord> oldestFirst() {
        List<DecodedRecord> rows = new ArrayList<>(size);
        for (int i = size; i >= 1; i--) {
            rows.add(ring[Math.floorMod(next - i, ring.length)]);
        }
        return rows;
    }

    private void refill(List<DecodedRecord> oldestFirst) {
        next = 0;
        size = 0;
        bytes = 0;
        for (DecodedRecord r : oldestFirst) {
            ring[next++] = r;
            size++;
            bytes += r.raw().size();
        }
        next %= ring.length;
    }

    public synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        next = 0;
        size = 0;
        bytes = 0;
        read = 0;
        kept = 0;
        poison = 0;
        poisonByPartition.clear();
        undecodable.clear();
        undecodableBytes = 0;
    }
}
