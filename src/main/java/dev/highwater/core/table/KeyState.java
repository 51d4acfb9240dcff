package dev.highwater.core.table;

import java.util.Arrays;

/**
 * The winning record of every key, in parallel arrays under open addressing: the key's bytes, its partition,
 * offset and timestamp, the value's bytes (null for a tombstone, which is kept: a record read later with an
 * earlier timestamp must not bring the key back) and its content-type header (which the decoders read first).
 * A million keys cost their bytes plus about 70 bytes each, where a map of objects would cost several times that;
 * the byte arrays are the consumer's own, never copied.
 *
 * <p>The record that wins a key is the one with the latest timestamp, then the higher partition, then the higher
 * offset: a total order, so the answer does not depend on the order partitions are read in, nor on where a
 * snapshot cut the read (the semantics of Kafka Streams' versioned stores: "the value as of T"). Not thread-safe.
 */
final class KeyState {

    private static final int EMPTY = 0;

    private int capacity;
    private int mask;
    private int size;
    private int tombstones;
    /**
     * Per slot, side by side so that a probe touches few cache lines (the fold's cost is its cache misses): the
     * key's hash with its lowest bit set (0 for an empty slot) and the partition; the timestamp and the offset;
     * the key, the value and the content type.
     */
    private int[] ints;
    private long[] longs;
    private Object[] refs;

    KeyState(int expected) {
        allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    }

    private void allocate(int slots) {
        capacity = slots;
        mask = slots - 1;
        ints = new int[slots * 2];
        longs = new long[slots * 2];
        refs = new Object[slots * 3];
    }

    /** Keys held, tombstones included. */
    int size() {
        return size;
    }

    /** Keys whose winning record is a tombstone. */
    int tombstones() {
        return tombstones;
    }

    static int hash(byte[] key) {
        int h = Arrays.hashCode(key) * 0x9E3779B9;
        return (h ^ (h >>> 16)) | 1;
    }

    /** Takes the record for its key if it wins over the one held (see the class comment). A null key is skipped. */
    void offer(byte[] key, int partition, long offset, long timestamp, byte[] value, byte[] contentType) {
        if (key == null) {
            return; // a record without a key belongs to no key's state
        }
        int h = hash(key);
        int i = h & mask;
        while (true) {
            int found = ints[2 * i];
            if (found == EMPTY) {
                ints[2 * i] = h;
                refs[3 * i] = key;
                set(i, partition, offset, timestamp, value, contentType);
                if (value == null) {
                    tombstones++;
                }
                if (++size * 4 > capacity * 3) {
                    grow();
                }
                return;
            }
            if (found == h && Arrays.equals((byte[]) refs[3 * i], key)) {
                if (wins(timestamp, partition, offset, longs[2 * i], ints[2 * i + 1], longs[2 * i + 1])) {
                    tombstones += (value == null ? 1 : 0) - (refs[3 * i + 1] == null ? 1 : 0);
                    set(i, partition, offset, timestamp, value, contentType);
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    static boolean wins(long ts, int partition, long offset, long heldTs, int heldPartition, long heldOffset) {
        if (ts != heldTs) {
            return ts > heldTs;
        }
        if (partition != heldPartition) {
            return partition > heldPartition;
        }
        return offset > heldOffset;
    }

    private void set(int i, int partition, long offset, long timestamp, byte[] value, byte[] contentType) {
        ints[2 * i + 1] = partition;
        longs[2 * i] = timestamp;
        longs[2 * i + 1] = offset;
        refs[3 * i + 1] = value;
        refs[3 * i + 2] = contentType;
    }

    private void grow() {
        int[] oldInts = ints;
        long[] oldLongs = longs;
        Object[] oldRefs = refs;
        int oldCapacity = capacity;
        allocate(capacity * 2);
        for (int j = 0; j < oldCapacity; j++) {
            int h = oldInts[2 * j];
            if (h != EMPTY) {
                int i = h & mask;
                while (ints[2 * i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                ints[2 * i] = h;
                ints[2 * i + 1] = oldInts[2 * j + 1];
                longs[2 * i] = oldLongs[2 * j];
                longs[2 * i + 1] = oldLongs[2 * j + 1];
                refs[3 * i] = oldRefs[3 * j];
                refs[3 * i + 1] = oldRefs[3 * j + 1];
                refs[3 * i + 2] = oldRefs[3 * j + 2];
            }
        }
    }

    /** Slots there are: {@link #key(int)} and the rest read one, null when it is empty. */
    int slots() {
        return capacity;
    }

    byte[] key(int slot) {
        return (byte[]) refs[3 * slot];
    }

    byte[] value(int slot) {
        return (byte[]) refs[3 * slot + 1];
    }

    byte[] contentType(int slot) {
        return (byte[]) refs[3 * slot + 2];
    }

    int partition(int slot) {
        return ints[2 * slot + 1];
    }

    long offset(int slot) {
        return longs[2 * slot + 1];
    }

    long timestamp(int slot) {
        return longs[2 * slot];
    }

    /** The slot of the key, or -1 when it is not held. */
    int slotOf(byte[] key) {
        int h = hash(key);
        int i = h & mask;
        while (true) {
            int found = ints[2 * i];
            if (found == EMPTY) {
                return -1;
            }
            if (found == h && Arrays.equals((byte[]) refs[3 * i], key)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }
}
