package dev.highwater.core.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The winning record of every key, in parallel arrays under open addressing: the key's bytes, its partition,
 * offset and timestamp, the value's bytes (none for a tombstone, which is kept: a record read later with an
 * earlier timestamp must not bring the key back) and its content-type header (which the decoders read first).
 * A key of up to {@link #INLINE} bytes is held in its slot, so that finding it reads no other object (the fold's
 * cost is its cache misses, and a key's own array is one more); a longer key is the consumer's own array.
 * A million short keys cost about 100 bytes each beside their values, where a map of objects would cost several
 * times that.
 *
 * <p>Values are copied once into a few large shared arrays ("chunks") and found by an offset and a length held in
 * the slot: a million values kept as a million arrays of their own would each be promoted and then die in the old
 * space, which in a small heap costs more than the fold itself. A replaced value leaves dead bytes in its chunk;
 * when they pass a quarter of the live ones the emptiest chunks' live values are copied into fresh chunks (see
 * {@link #compactIfMostlyDead}), so the values take little more than their own size. A value longer than
 * {@link #LARGE} bytes keeps an array of its own: its header is nothing beside it.
 *
 * <p>The record that wins a key is the one with the latest timestamp, then the higher partition, then the higher
 * offset: a total order, so the answer does not depend on the order partitions are read in, nor on where a
 * snapshot cut the read (the semantics of Kafka Streams' versioned stores: "the value as of T"). Not thread-safe.
 */
final class KeyState {

    private static final long EMPTY = 0;
    private static final int META = 6;
    /** The value word of a tombstone. */
    private static final long NONE = -1;
    /** Marks a value word that is an index into {@link #large} rather than a place in a chunk. */
    private static final long OWN = Long.MIN_VALUE;
    /** The longest value copied into a chunk: a longer one would leave too much of a chunk's end unused. */
    static final int LARGE = 64 * 1024;
    /**
     * The first chunk is small (most states are), each next one twice the last up to 4 MB. Each is 64 bytes short
     * of a power of two so that, with its header, it fills whole G1 regions when it is large enough to be allocated
     * as a humongous object rather than spill into one more region.
     */
    private static final int FIRST_CHUNK = 64 * 1024 - 64;
    private static final int LAST_CHUNK = 4 * 1024 * 1024 - 64;
    /** A place in a chunk: the chunk's index above 44 bits, the offset (under 4 MB) then the length (22 bits each). */
    private static final int OFFSET_SHIFT = 22;
    private static final int CHUNK_SHIFT = 44;
    private static final long FIELD = (1L << 22) - 1;
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
     * the partition in its low half; the timestamp; the offset; the key's bytes when it is held here, zero-padded;
     * the value's word: {@link #NONE}, {@link #OWN} with an index into {@link #large}, or a place in a chunk.
     */
    private long[] meta;
    /** Per slot: the key when it is not held in the slot, and the content type. */
    private Object[] refs;
    /** The chunks, null where one was let go (its index is then in {@link #freeChunks}), and their live bytes. */
    private byte[][] chunks = new byte[4][];
    private int[] chunkLive = new int[4];
    private int chunkCount;
    private int[] freeChunks = new int[4];
    private int freeChunkCount;
    /** The chunk being filled (-1 for none), where its next value goes, and its size. */
    private int current = -1;
    private int fill;
    private int chunkSize;
    /** The large values, null where one was let go (its index is then in {@link #freeLarge}). */
    private byte[][] large = new byte[4][];
    private int largeCount;
    private int[] freeLarge = new int[4];
    private int freeLargeCount;
    /** Bytes of the values held, and bytes in chunks no value uses any more (replaced values, chunks' ends). */
    private long liveBytes;
    private long deadBytes;

    KeyState(int expected) {
        allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    }

    private void allocate(int slots) {
        capacity = slots;
        shift = 32 - Integer.numberOfTrailingZeros(slots);
        meta = new long[slots * META];
        refs = new Object[slots * 2];
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
                    refs[2 * i] = key;
                } else {
                    meta[META * i + 3] = k0;
                    meta[META * i + 4] = k1;
                }
                set(i, h, partition, offset, timestamp, value, contentType);
                if (value == null) {
                    tombstones++;
                }
                compactIfMostlyDead();
                if (++size * 4 > capacity * 3) {
                    grow();
                }
                return;
            }
            if ((int) (found >>> 32) == h && (outside ? Arrays.equals((byte[]) refs[2 * i], key)
                    : meta[META * i + 3] == k0 && meta[META * i + 4] == k1)) {
                if (wins(timestamp, partition, offset, meta[META * i + 1], (int) found, meta[META * i + 2])) {
                    long held = meta[META * i + 5];
                    tombstones += (value == null ? 1 : 0) - (held == NONE ? 1 : 0);
                    release(held);
                    set(i, h, partition, offset, timestamp, value, contentType);
                    compactIfMostlyDead();
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
        meta[META * i + 5] = store(value, 0, value == null ? 0 : value.length);
        refs[2 * i + 1] = contentType;
    }

    /** Copies the value in and says where it is (its word). */
    private long store(byte[] from, int at, int length) {
        if (from == null) {
            return NONE;
        }
        if (length > LARGE) {
            int index;
            if (freeLargeCount > 0) {
                index = freeLarge[--freeLargeCount];
            } else {
                if (largeCount == large.length) {
                    large = Arrays.copyOf(large, largeCount * 2);
                }
                index = largeCount++;
            }
            large[index] = from; // a large value is always a whole array: the record's, or its own again
            liveBytes += length;
            return OWN | index;
        }
        if (current < 0 || chunks[current].length - fill < length) {
            closeChunk();
            chunkSize = chunkSize == 0 ? FIRST_CHUNK : Math.min(LAST_CHUNK, (chunkSize + 64) * 2 - 64);
            current = newChunk(chunkSize);
        }
        System.arraycopy(from, at, chunks[current], fill, length);
        long word = ((long) current << CHUNK_SHIFT) | ((long) fill << OFFSET_SHIFT) | length;
        fill += length;
        chunkLive[current] += length;
        liveBytes += length;
        return word;
    }

    /** Stops filling the chunk being filled: its unused end is dead. */
    private void closeChunk() {
        if (current >= 0) {
            deadBytes += chunks[current].length - fill;
            current = -1;
        }
    }

    private int newChunk(int size) {
        int index;
        if (freeChunkCount > 0) {
            index = freeChunks[--freeChunkCount];
        } else {
            if (chunkCount == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunkCount * 2);
                chunkLive = Arrays.copyOf(chunkLive, chunkCount * 2);
                freeChunks = Arrays.copyOf(freeChunks, chunkCount * 2);
            }
            index = chunkCount++;
        }
        chunks[index] = new byte[size];
        chunkLive[index] = 0;
        fill = 0;
        return index;
    }

    /** Counts a value that is no longer held: a large one's array goes at once, a chunk's bytes become dead. */
    private void release(long word) {
        if (word == NONE) {
            return;
        }
        if (word < 0) {
            int index = (int) (word & ~OWN);
            liveBytes -= large[index].length;
            large[index] = null;
            freeLarge = freeLargeCount == freeLarge.length ? Arrays.copyOf(freeLarge, freeLargeCount * 2) : freeLarge;
            freeLarge[freeLargeCount++] = index;
            return;
        }
        int length = (int) (word & FIELD);
        chunkLive[(int) (word >>> CHUNK_SHIFT)] -= length;
        liveBytes -= length;
        deadBytes += length;
    }

    /**
     * Once the dead bytes pass a quarter of the live ones, and the slots' own size (a compaction reads every slot,
     * so it waits until enough was freed to pay for that), copies the live values of the emptiest chunks into
     * fresh ones and lets those chunks go, until the dead bytes left are an eighth of the live ones: the values
     * take at most about 1.25 times their own size, and a compaction copies little more than it must.
     */
    private void compactIfMostlyDead() {
        if (deadBytes <= liveBytes / 4 || deadBytes <= (long) capacity * 8) {
            return;
        }
        closeChunk();
        long[] emptiestFirst = new long[chunkCount];
        int n = 0;
        for (int c = 0; c < chunkCount; c++) {
            if (chunks[c] != null) {
                long liveShare = (long) chunkLive[c] * (1 << 20) / chunks[c].length;
                emptiestFirst[n++] = (liveShare << 20) | c;
            }
        }
        Arrays.sort(emptiestFirst, 0, n);
        boolean[] moving = new boolean[chunkCount];
        for (int k = 0; k < n && deadBytes > liveBytes / 8; k++) {
            int c = (int) (emptiestFirst[k] & ((1 << 20) - 1));
            moving[c] = true;
            deadBytes -= chunks[c].length - chunkLive[c];
            liveBytes -= chunkLive[c]; // counted again as they are copied
        }
        for (int i = 0; i < capacity; i++) {
            long word = meta[META * i + 5];
            if (meta[META * i] != EMPTY && word >= 0 && moving[(int) (word >>> CHUNK_SHIFT)]) {
                meta[META * i + 5] = store(chunks[(int) (word >>> CHUNK_SHIFT)],
                        (int) ((word >>> OFFSET_SHIFT) & FIELD), (int) (word & FIELD));
            }
        }
        for (int c = 0; c < moving.length; c++) {
            if (moving[c]) {
                chunks[c] = null;
                chunkLive[c] = 0;
                freeChunks[freeChunkCount++] = c;
            }
        }
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
                System.arraycopy(oldRefs, 2 * j, refs, 2 * i, 2);
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
            return (byte[]) refs[2 * slot];
        }
        byte[] key = new byte[lengthCode - 1];
        for (int b = 0; b < key.length; b++) {
            key[b] = (byte) (meta[META * slot + 3 + b / 8] >>> (8 * (b % 8)));
        }
        return key;
    }

    /** Whether the held slot's record has a value (is not a tombstone). */
    boolean hasValue(int slot) {
        return meta[META * slot + 5] != NONE;
    }

    /** The value of a held slot, null for a tombstone: a new array, or the state's own one for a large value. */
    byte[] value(int slot) {
        return Values.value(chunks, large, meta[META * slot + 5]);
    }

    /** Where the held slot's value is, for {@link #values()}. */
    long valueWord(int slot) {
        return meta[META * slot + 5];
    }

    /**
     * The arrays the values are in as they are now, without the slots: an answer keeps these rather than a copy
     * of every value. The lists are copies, so that the state may go on changing (a chunk is only ever written
     * past the values it holds).
     */
    Values values() {
        return new Values(chunks.clone(), large.clone());
    }

    /** The arrays of {@link #values()}, and a value read from them by its word. */
    record Values(byte[][] chunks, byte[][] large) {

        byte[] value(long word) {
            return value(chunks, large, word);
        }

        static byte[] value(byte[][] chunks, byte[][] large, long word) {
            if (word == NONE) {
                return null;
            }
            if (word < 0) {
                return large[(int) (word & ~OWN)];
            }
            int at = (int) ((word >>> OFFSET_SHIFT) & FIELD);
            int length = (int) (word & FIELD);
            return length == 0 ? new byte[0]
                    : Arrays.copyOfRange(chunks[(int) (word >>> CHUNK_SHIFT)], at, at + length);
        }
    }

    /** Bytes the values take in their chunks and own arrays, counting those in chunks no value uses any more. */
    long valueBytes() {
        return liveBytes + deadBytes;
    }

    /** Bytes of the values held. */
    long liveValueBytes() {
        return liveBytes;
    }

    byte[] contentType(int slot) {
        return (byte[]) refs[2 * slot + 1];
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
