package dev.highwater.core.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Account ids to dense indexes, looked up by the id's UTF-8 bytes so the fold makes no String per record.
 * Index order is first-seen order; names are made once per account.
 */
final class AccountTable {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private int[] slots = new int[2048]; // index + 1; 0 = empty
    /**
     * Every id's bytes, one after the other ({@link #starts}), so the fold's one comparison per event reads a
     * few bytes next to the others rather than an object of its own somewhere in the heap.
     */
    private byte[] pool = new byte[16 * 1024];
    private int poolUsed;
    /** Where each id's bytes start in {@link #pool}; entry {@code size} is where the next one goes. */
    private int[] starts = new int[1025];
    private int[] hashes = new int[1024];
    private String[] names = new String[1024];
    private int size;
    private int notText;

    int size() {
        return size;
    }

    int indexOf(byte[] b, int off, int len) {
        return indexOf(b, off, len, hash(b, off, len));
    }

    /** The same, with {@code h} = {@link #hash} of the bytes computed already (on another thread). */
    int indexOf(byte[] b, int off, int len, int h) {
        int mask = slots.length - 1;
        int slot = h & mask;
        while (true) {
            int v = slots[slot];
            if (v == 0) {
                return add(b, off, len, h, slot);
            }
            int i = v - 1;
            if (hashes[i] == h && same(i, b, off, len)) {
                return i;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** True when account i's id is exactly these bytes. */
    private boolean same(int i, byte[] b, int off, int len) {
        int at = starts[i];
        if (starts[i + 1] - at != len) {
            return false;
        }
        int k = 0;
        for (; k + 8 <= len; k += 8) {
            if ((long) LONG.get(pool, at + k) != (long) LONG.get(b, off + k)) {
                return false;
            }
        }
        for (; k < len; k++) {
            if (pool[at + k] != b[off + k]) {
                return false;
            }
        }
        return true;
    }

    /** The index of an account given in its text form ({@link AccountId}). */
    int indexOf(String account) {
        byte[] b = AccountId.bytes(account);
        return indexOf(b, 0, b.length);
    }

    /** The account's text form ({@link AccountId}): its UTF-8 text, with bytes that are not text escaped. */
    String name(int index) {
        String n = names[index];
        if (n == null) {
            byte[] id = idBytes(index);
            n = AccountId.text(id);
            if (!AccountId.isUtf8(id)) {
                notText++;
            }
            names[index] = n;
        }
        return n;
    }

    /** Among the accounts named so far, those whose ids are not UTF-8 text. */
    int notText() {
        return notText;
    }

    /** A copy of the account's id bytes. */
    byte[] idBytes(int index) {
        return Arrays.copyOfRange(pool, starts[index], starts[index + 1]);
    }

    private int add(byte[] b, int off, int len, int h, int slot) {
        if (size == hashes.length) {
            starts = Arrays.copyOf(starts, size * 2 + 1);
            hashes = Arrays.copyOf(hashes, size * 2);
            names = Arrays.copyOf(names, size * 2);
        }
        if (poolUsed + len > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(poolUsed + len, pool.length * 2));
        }
        System.arraycopy(b, off, pool, poolUsed, len);
        poolUsed += len;
        hashes[size] = h;
        starts[size + 1] = poolUsed;
        slots[slot] = ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return size - 1;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = hashes[i] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    /** A hash of an id's bytes, eight at a time (not kept anywhere: it may change between versions). */
    static int hash(byte[] b, int off, int len) {
        long h = len * 0x9E3779B97F4A7C15L;
        int k = 0;
        for (; k + 8 <= len; k += 8) {
            h = (h ^ (long) LONG.get(b, off + k)) * 0xC2B2AE3D27D4EB4FL;
            h = Long.rotateLeft(h, 31);
        }
        long tail = 0;
        for (int shift = 0; k < len; k++, shift += 8) {
            tail |= (b[off + k] & 0xFFL) << shift;
        }
        h = (h ^ tail) * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) h;
    }
}
