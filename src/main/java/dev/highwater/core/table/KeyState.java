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

    private static final long EMPTY = 0;
    private static final int META = 3;

    private int capacity;
    /** 32 less the bits of an index: a key's home slot is the top bits of its hash (see {@link #hash}). */
    private int shift;
    private int size;
    private int tombstones;
    /**
     * Per slot, side by side in one array so that a probe and the update that follows touch one or two cache lines
     * (the fold's cost is its cache misses): the key's hash (never 0 for a held key, 0 for an empty slot) in the
     * high half of the first long and the partition in its low half; the timestamp; the offset.
     */
    private long[] meta;
    /** Per slot: the key, the value and the content type. */
    private Object[] refs;

    KeyState(int expected) {
        allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    }

    private void allocate(int slots) {
        capacity = slots;
        shift = 32 - Integer.numberOfTrailingZeros(slots);
        meta = new long[slots * META];
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

    /**
     * Fibonacci hashing: the product's top bits mix every bit of the key's hash, so the home slot is taken from
     * them. The lowest bit is set so that a held key's hash is never 0 (an empty slot); it must not choose the slot,
     * or only every other slot would be a home and the probes would run long.
     */
    static int hash(byte[] key) {
        return (Arrays.hashCode(key) * 0x9E3779B9) | 1;
    }

    private int home(int h) {
        return h >>> shift;
    }

    /** Takes the record for its key if it wins over the one held (see the class comment). A null key is skipped. */
    void offer(byte[] key, int partition, long offset, long timestamp, byte[] value, byte[] contentType) {
        if (key == null) {
            return; // a record without a key belongs to no key's state
        }
        int h = hash(key);
        int mask = capacity - 1;
        int i = home(h);
        while (true) {
            long found = meta[META * i];
            if (found == EMPTY) {
                refs[3 * i] = key;
                set(i, h, partition, offset, timestamp, value, contentType);
                if (value == null) {
                    tombstones++;
                }
                if (++size * 4 > capacity * 3) {
                    grow();
                }
                return;
            }
            if ((int) (found >>> 32) == h && Arrays.equals((byte[]) refs[3 * i], key)) {
                if (wins(timestamp, partition, offset, meta[META * i + 1], (int) found, meta[META * i + 2])) {
                    tombstones += (value == null ? 1 : 0) - (refs[3 * i + 1] == null ? 1 : 0);
                    set(i, h, partition, offset, timestamp, value, contentType);
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

    private void set(int i, int h, int partition, long offset, long timestamp, byte[] value, byte[] contentType) {
        meta[META * i] = ((long) h << 32) | (partition & 0xFFFF_FFFFL);
        meta[META * i + 1] = timestamp;
        meta[META * i + 2] = offset;
        refs[3 * i + 1] = value;
        refs[3 * i + 2] = contentType;
    }

    private void grow() {
        long[] oldMeta = meta;
        Object[] oldRefs = refs;
        int oldCapacity = capacity;
        allocate(capacity * 2);
        int mask = capacity - 1;
        for (int j = 0; j < oldCapacity; j++) {
            long m = oldMeta[META * j];
            if (m != EMPTY) {
                int i = home((int) (m >>> 32));
                while (meta[META * i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(oldMeta, META * j, meta, META * i, META);
                System.arraycopy(oldRefs, 3 * j, refs, 3 * i, 3);
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
        return (int) meta[META * slot];
    }

    long offset(int slot) {
        return meta[META * slot + 2];
    }

    long timestamp(int slot) {
        return meta[META * slot + 1];
    }

    /** The slot of the key, or -1 when it is not held. */
    int slotOf(byte[] key) {
        int h = hash(key);
        int mask = capacity - 1;
        int i = home(h);
        while (true) {
            long found = meta[META * i];
            if (found == EMPTY) {
                return -1;
            }
            if ((int) (found >>> 32) == h && Arrays.equals((byte[]) refs[3 * i], key)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }
}
