package dev.highwater.core.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An event id as a 128-bit MurmurHash3, the key of {@link EventTable}. The id alone is the event's identity:
 * what else a record says (account, type, amount, time) is its content, which tells a redelivery from a
 * conflict. Kept apart from the table so records can be hashed on other threads than the fold's; one instance
 * per thread.
 */
final class EventHash {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The last hash computed by {@link #hash}; never (0,0), which marks an empty slot of the table. */
    long h1;
    long h2;
    private byte[] scratch = new byte[256];

    /** Hashes the id of the event the decoder holds (after {@link LedgerDecoder.Outcome#EVENT}). */
    void hash(LedgerDecoder d) {
        hash(d.idBytes, d.idOff, d.idLen);
    }

    void hash(byte[] id, int idOff, int idLen) {
        if (scratch.length < idLen + 16) {
            scratch = new byte[Math.max(idLen + 16, scratch.length * 2)];
        }
        System.arraycopy(id, idOff, scratch, 0, idLen);
        murmur3(scratch, idLen);
        if (h1 == 0 && h2 == 0) {
            h2 = 1;
        }
    }

    private void murmur3(byte[] data, int len) {
        long a = 0x9368e53c2f6af274L;
        long b = 0x586dcd208f7cd3fdL;
        int blocks = len / 16;
        for (int i = 0; i < blocks; i++) {
            a ^= mixK1((long) LONG.get(data, i * 16));
            a = Long.rotateLeft(a, 27);
            a += b;
            a = a * 5 + 0x52dce729;
            b ^= mixK2((long) LONG.get(data, i * 16 + 8));
            b = Long.rotateLeft(b, 31);
            b += a;
            b = b * 5 + 0x38495ab5;
        }
        int tail = blocks * 16;
        int rest = len - tail;
        // the scratch buffer has 16 spare bytes: zero them and read the tail as two whole longs
        Arrays.fill(data, len, tail + 16, (byte) 0);
        if (rest > 0) {
            if (rest > 8) {
                b ^= mixK2((long) LONG.get(data, tail + 8));
            }
            a ^= mixK1((long) LONG.get(data, tail));
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

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    /** MurmurHash3's scrambling of a block's first half. */
    private static long mixK1(long k) {
        return Long.rotateLeft(k * C1, 31) * C2;
    }

    /** MurmurHash3's scrambling of a block's second half. */
    private static long mixK2(long k) {
        return Long.rotateLeft(k * C2, 33) * C1;
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
