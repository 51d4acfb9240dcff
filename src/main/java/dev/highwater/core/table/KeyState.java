package dev.highwater.core.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The winning record of every key, in parallel arrays under open addressing: the key's bytes, its partition,
 * offset and timestamp, the value's bytes (null for a tombstone, which is kept: a record read later with an
 * earlier timestamp must not bring the key back) and its content-type header (which the decoders read first).
 * A key of up to {@link #INLINE} bytes is held in its slot, so that finding it reads no other object (the fold's
 * cost is its cache misses, and a key's own array is one more); a longer key, and every value, are the consumer's
 * own arrays, never copied. A million short keys cost about 100 bytes each beside their values, where a map of
 * objects would cost several times that.
 *
 * <p>The record that wins a key is the one with the latest timestamp, then the higher partition, then the higher
 * offset: a total order, so the answer does not depend on the order partitions are read in, nor on where a
 * snapshot cut the read (the semantics of Kafka Streams' versioned stores: "the value as of T"). Not thread-safe.
 */
final class KeyState {

    private static final long EMPTY = 0;
    private static final int META = 5;
    /** The longest key held in its slot: two longs. */
    static final int INLINE = 16;
    /** The length code of a key that is an array of its own (longer than {@link #INLINE}). */
    private static final int OUTSIDE = 0xFF;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private int capacity;
    /** 32 less the bits of an index: a key's home slot is the top bits of its hash (see {@link #hash}). */
    private int shift;
    private int size;
    private int tombstones;
    /**
     * Per slot, side by side in one array so that a probe and the update that follows touch one or two cache lines:
     * the key's {@link #tag} (never 0 for a held key, 0 for an empty slot) in the high half of the first long and
     * the partition in its low half; the timestamp; the offset; the key's bytes when it is held here, zero-padded.
     */
    private long[] meta;
    /** Per slot: the key when it is not held in the slot, the value and the content type. */
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
     * The key's hash in the top 24 bits, its length code in the lowest 8 (the length plus one, never 0, so that a
     * held key's tag is never 0; or {@link #OUTSIDE}): equal tags and equal inline bytes are the same key. Fibonacci
     * hashing: the product's top bits mix every bit of the key's hash, so the home slot is taken from them; taking
     * it from the lowest bits (the length) would crowd the keys into a few homes and make the probes run long.
     */
    static int tag(byte[] key) {
        int lengthCode = key.length <= INLINE ? key.length + 1 : OUTSIDE;
        return ((Arrays.hashCode(key) * 0x9E3779B9) & 0xFFFF_FF00) | lengthCode;
    }

    private int home(int h) {
        return h >>> shift;
    }

    /** Takes the record for its key if it wins over the one held (see the class comment). A null key is skipped. */
    void offer(byte[] key, int partition, long offset, long timestamp, byte[] value, byte[] contentType) {
        if (key == null) {
            return; // a record without a key belongs to no key's state
        }
        int h = tag(key);
        boolean outside = key.length > INLINE;
        long k0 = outside ? 0 : word(key, 0);
        long k1 = outside ? 0 : word(key, 8);
        int mask = capacity - 1;
        int i = home(h);
        while (true) {
            long found = meta[META * i];
            if (found == EMPTY) {
                if (outside) {
                    refs[3 * i] = key;
                } else {
                    meta[META * i + 3] = k0;
                    meta[META * i + 4] = k1;
                }
                set(i, h, partition, offset, timestamp, value, contentType);
                if (value == null) {
                    tombstones++;
                }
                if (++size * 4 > capacity * 3) {
                    grow();
                }
                return;
            }
            if ((int) (found >>> 32) == h && (outside ? Arrays.equals((byte[]) refs[3 * i], key)
                    : meta[META * i + 3] == k0 && meta[META * i + 4] == k1)) {
                if (wins(timestamp, partition, offset, meta[META * i + 1], (int) found, meta[META * i + 2])) {
                    tombstones += (value == null ? 1 : 0) - (refs[3 * i + 1] == null ? 1 : 0);
                    set(i, h, partition, offset, timestamp, value, contentType);
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** Up to eight bytes of the key from {@code from}, zero-padded past its end. */
    private static long word(byte[] key, int from) {
        if (key.length >= from + 8) {
            return (long) LONGS.get(key, from);
        }
        long w = 0;
        for (int b = Math.min(key.length, from + 8) - 1; b >= from; b--) {
            w = (w << 8) | (key[b] & 0xFF);
        }
        return w;
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

    /** Slots there are: {@link #held(int)} says which hold a key, {@link #key(int)} and the rest read it. */
    int slots() {
        return capacity;
    }

    /** Whether the slot holds a key. */
    boolean held(int slot) {
        return meta[META * slot] != EMPTY;
    }

    /** The key of a held slot: a new array when the key is held in the slot itself. */
    byte[] key(int slot) {
        int lengthCode = (int) (meta[META * slot] >>> 32) & 0xFF;
        if (lengthCode == OUTSIDE) {
            return (byte[]) refs[3 * slot];
        }
        byte[] key = new byte[lengthCode - 1];
        for (int b = 0; b < key.length; b++) {
            key[b] = (byte) (meta[META * slot + 3 + b / 8] >>> (8 * (b % 8)));
        }
        return key;
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
        int h = tag(key);
        int mask = capacity - 1;
        int i = home(h);
        while (true) {
            long found = meta[META * i];
            if (found == EMPTY) {
                return -1;
            }
            if ((int) (found >>> 32) == h && Arrays.equals(key(i), key)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }
}
