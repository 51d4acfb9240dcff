package dev.highwater.core.table;

import java.util.Arrays;

/**
 * The records read whose timestamp is after the state's cut, kept whole in parallel arrays: they count for
 * questions after the cut, not for the state at it. Few as a rule (the cut follows the newest timestamps), and
 * bounded by the fold, which moves the cut forward or stops keeping them.
 */
final class LateRecords {

    int size;
    byte[][] keys = new byte[64][];
    byte[][] values = new byte[64][];
    int[] partitions = new int[64];
    long[] offsets = new long[64];
    long[] timestamps = new long[64];
    byte[][] contentTypes = new byte[64][];

    void add(byte[] key, int partition, long offset, long timestamp, byte[] value, byte[] contentType) {
        if (size == keys.length) {
            int n = size * 2;
            keys = Arrays.copyOf(keys, n);
            values = Arrays.copyOf(values, n);
            partitions = Arrays.copyOf(partitions, n);
            offsets = Arrays.copyOf(offsets, n);
            timestamps = Arrays.copyOf(timestamps, n);
            contentTypes = Arrays.copyOf(contentTypes, n);
        }
        keys[size] = key;
        values[size] = value;
        partitions[size] = partition;
        offsets[size] = offset;
        timestamps[size] = timestamp;
        contentTypes[size] = contentType;
        size++;
    }

    /** Moves the records at or before {@code cut} into {@code state}, keeping the rest, in their order. */
    void foldUpTo(long cut, KeyState state) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (timestamps[i] <= cut) {
                state.offer(keys[i], partitions[i], offsets[i], timestamps[i], values[i], contentTypes[i]);
            } else {
                keys[kept] = keys[i];
                values[kept] = values[i];
                partitions[kept] = partitions[i];
                offsets[kept] = offsets[i];
                timestamps[kept] = timestamps[i];
                contentTypes[kept] = contentTypes[i];
                kept++;
            }
        }
        Arrays.fill(keys, kept, size, null);
        Arrays.fill(values, kept, size, null);
        Arrays.fill(contentTypes, kept, size, null);
        size = kept;
    }

    /** Forgets the records after {@code at}: no question this fold answers needs them. */
    void dropAfter(long at) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (timestamps[i] <= at) {
                keys[kept] = keys[i];
                values[kept] = values[i];
                partitions[kept] = partitions[i];
                offsets[kept] = offsets[i];
                timestamps[kept] = timestamps[i];
                contentTypes[kept] = contentTypes[i];
                kept++;
            }
        }
        Arrays.fill(keys, kept, size, null);
        Arrays.fill(values, kept, size, null);
        Arrays.fill(contentTypes, kept, size, null);
        size = kept;
    }

    /**
     * The timestamp that leaves about {@code keep} of these records after it: where the cut can move to while
     * the newest records stay kept apart.
     */
    long timestampKeeping(int keep) {
        long[] sorted = Arrays.copyOf(timestamps, size);
        Arrays.sort(sorted);
        return sorted[Math.max(0, size - keep - 1)];
    }
}
