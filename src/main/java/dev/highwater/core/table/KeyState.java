package dev.highwater.core.table;

import java.util.Arrays;

/**
 * The winning record of every key, in parallel arrays under open addressing: the key's bytes, its partition,
 * offset and timestamp, the value's bytes (null for a tombstone, which is kept: a record read later with an
 * earlier timestamp must not bring the key back) and its content-type header (which the decoders read first). A million keys cost their bytes plus about 60 bytes each, where a
 * map of objects would cost several times that; the byte arrays are the consumer's own, never copied.
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
    /** The key's hash with its lowest bit set, 0 for an empty slot. */
    private int[] hashes;
    private byte[][] keys;
    private byte[][] values;
    private int[] partitions;
    private long[] offsets;
    private long[] timestamps;
    private byte[][] contentTypes;

    KeyState(int expected) {
        allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    }

    private void allocate(int slots) {
        capacity = slots;
        mask = slots - 1;
        hashes = new int[slots];
        keys = new byte[slots][];
        values = new byte[slots][];
        partitions = new int[slots];
        offsets = new long[slots];
        timestamps = new long[slots];
        contentTypes = new byte[slots][];
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
            int found = hashes[i];
            if (found == EMPTY) {
                hashes[i] = h;
                keys[i] = key;
                set(i, partition, offset, timestamp, value, contentType);
                if (value == null) {
                    tombstones++;
                }
                if (++size * 4 > capacity * 3) {
                    grow();
                }
                return;
            }
            if (found == h && Arrays.equals(keys[i], key)) {
                if (wins(timestamp, partition, offset, timestamps[i], partitions[i], offsets[i])) {
                    tombstones += (value == null ? 1 : 0) - (values[i] == null ? 1 : 0);
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
        values[i] = value;
        contentTypes[i] = contentType;
        partitions[i] = partition;
        offsets[i] = offset;
        timestamps[i] = timestamp;
    }

    private void grow() {
        int[] h = hashes;
        byte[][] k = keys;
        byte[][] v = values;
        int[] p = partitions;
        long[] o = offsets;
        long[] t = timestamps;
        byte[][] c = contentTypes;
        allocate(capacity * 2);
        for (int j = 0; j < h.length; j++) {
            if (h[j] != EMPTY) {
                int i = h[j] & mask;
                while (hashes[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                hashes[i] = h[j];
                keys[i] = k[j];
                set(i, p[j], o[j], t[j], v[j], c[j]);
            }
        }
    }

    /** Visits every key held, tombstones included, in no particular order. */
    interface Visitor {
        void entry(byte[] key, int partition, long offset, long timestamp, byte[] value, byte[] contentType);
    }

    void forEach(Visitor v) {
        for (int i = 0; i < capacity; i++) {
            if (hashes[i] != EMPTY) {
                v.entry(keys[i], partitions[i], offsets[i], timestamps[i], values[i], contentTypes[i]);
            }
        }
    }
}
