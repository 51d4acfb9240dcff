package dev.highwater.core.ledger;

import java.util.Arrays;

/**
 * Account ids to dense indexes, looked up by the id's UTF-8 bytes so the fold makes no String per record.
 * Index order is first-seen order; names are made once per account.
 */
final class AccountTable {

    private int[] slots = new int[2048]; // index + 1; 0 = empty
    private byte[][] ids = new byte[1024][];
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
            if (hashes[i] == h && Arrays.equals(ids[i], 0, ids[i].length, b, off, off + len)) {
                return i;
            }
            slot = (slot + 1) & mask;
        }
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
            n = AccountId.text(ids[index]);
            if (!AccountId.isUtf8(ids[index])) {
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

    byte[] idBytes(int index) {
        return ids[index];
    }

    private int add(byte[] b, int off, int len, int h, int slot) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
            names = Arrays.copyOf(names, size * 2);
        }
        ids[size] = Arrays.copyOfRange(b, off, off + len);
        hashes[size] = h;
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

    static int hash(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
