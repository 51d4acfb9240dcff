package dev.highwater.core.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The set of distinct events seen, each by a 128-bit MurmurHash3 of (account, event id, event timestamp): an
 * open-addressing table of two longs per event instead of a string set, which would take ten times the memory.
 * Two different events merge only if their 128-bit hashes collide; for a billion events the chance is below
 * 10^-20, the guarantee content-addressed storage relies on. The timestamp is part of the identity because a
 * redelivery repeats its event's timestamp, and it lets snapshots keep keys by time bucket (see
 * {@link LedgerState}).
 */
final class EventKeys {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long[] table = new long[2 * 1024];
    private int size;
    private int mask = 1023;

    /** The last hash computed by {@link #hash}. */
    long h1;
    long h2;
    private byte[] scratch = new byte[256];

    int size() {
        return size;
    }

    /**
     * Makes room for about this many keys at once: growing by doubling re-inserts every key several times,
     * each a cache miss on a large table, which costs more than the inserts themselves.
     */
    void expect(long keys) {
        long wanted = Math.min(1L << 26, Math.max(1024, keys * 4 / 3 + 1));
        if (wanted <= mask + 1L) {
            return;
        }
        int slots = Long.highestOneBit(wanted - 1) << 1 > (1L << 26) ? 1 << 26 : (int) (Long.highestOneBit(wanted - 1) << 1);
        long[] old = table;
        table = new long[2 * slots];
        mask = slots - 1;
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) {
                add(old[i], old[i + 1]);
            }
        }
    }

    /** Hashes an event's identity into {@link #h1}/{@link #h2}. */
    void hash(byte[] account, int accountOff, int accountLen, byte[] id, int idOff, int idLen, long timestamp) {
        int len = accountLen + 1 + idLen + 8;
        if (scratch.length < len + 16) {
            scratch = new byte[Math.max(len + 16, scratch.length * 2)];
        }
        System.arraycopy(account, accountOff, scratch, 0, accountLen);
        scratch[accountLen] = (byte) 0xFF; // never inside UTF-8, so ("ab","c") and ("a","bc") differ
        System.arraycopy(id, idOff, scratch, accountLen + 1, idLen);
        LONG.set(scratch, accountLen + 1 + idLen, timestamp);
        murmur3(scratch, len);
        if (h1 == 0 && h2 == 0) {
            h2 = 1; // (0,0) marks an empty slot
        }
    }

    /** Reads the home slot of each key, so the following adds find their cache lines already loaded. */
    void touch(long[] k1s, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long k1 = k1s[i];
            sum += table[2 * ((int) (k1 ^ (k1 >>> 32)) & mask)];
        }
        touched = sum; // kept, so the loads are not optimised away
    }

    private long touched;

    /** @return true when the key was not in the set (and now is) */
    boolean add(long k1, long k2) {
        if (size * 4L >= (mask + 1) * 3L) {
            grow();
        }
        int slot = (int) (k1 ^ (k1 >>> 32)) & mask;
        while (true) {
            long a = table[2 * slot];
            long b = table[2 * slot + 1];
            if (a == 0 && b == 0) {
                table[2 * slot] = k1;
                table[2 * slot + 1] = k2;
                size++;
                return true;
            }
            if (a == k1 && b == k2) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        mask = (mask << 1) | 1;
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) {
                add(old[i], old[i + 1]);
            }
        }
    }

    private void murmur3(byte[] data, int len) {
        final long c1 = 0x87c37b91114253d5L;
        final long c2 = 0x4cf5ad432745937fL;
        long a = 0x9368e53c2f6af274L;
        long b = 0x586dcd208f7cd3fdL;
        int blocks = len / 16;
        for (int i = 0; i < blocks; i++) {
            long k1 = (long) LONG.get(data, i * 16);
            long k2 = (long) LONG.get(data, i * 16 + 8);
            k1 *= c1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= c2;
            a ^= k1;
            a = Long.rotateLeft(a, 27);
            a += b;
            a = a * 5 + 0x52dce729;
            k2 *= c2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= c1;
            b ^= k2;
            b = Long.rotateLeft(b, 31);
            b += a;
            b = b * 5 + 0x38495ab5;
        }
        int tail = blocks * 16;
        int rest = len - tail;
        // the scratch buffer has 16 spare bytes: zero them and read the tail as two whole longs
        Arrays.fill(data, len, tail + 16, (byte) 0);
        if (rest > 0) {
            long k1 = (long) LONG.get(data, tail);
            long k2 = (long) LONG.get(data, tail + 8);
            if (rest > 8) {
                k2 *= c2;
                k2 = Long.rotateLeft(k2, 33);
                k2 *= c1;
                b ^= k2;
            }
            k1 *= c1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= c2;
            a ^= k1;
        }
        a ^= len;
        b ^= len;
        a += b;
        b += a;
        a = fmix(a);
        b = fmix(b);
        a += b;
        b += a;
        h1 = a;
        h2 = b;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
