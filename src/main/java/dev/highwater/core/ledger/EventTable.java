package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every event id seen, by its 128-bit {@link EventHash}, with the record the balances use for it: account, event
 * time, signed amount, type and where it was read. That content is what tells a redelivery (the same event
 * again) from a conflict (the id reused for something else), and what lets a later-read but earlier event take
 * the id's place exactly. Two different ids merge only if their 128-bit hashes collide (for a billion ids the
 * chance is below 10^-20).
 *
 * <p>Entries are dense, in first-seen order, behind an open-addressing index, so the entries added since a
 * snapshot are a range and are saved as such ({@link SavedIds}), with the few whose content changed since.
 */
final class EventTable {

    private static final int CREDIT = 0x20;
    private static final int BIG = 0x40;
    private static final int SCALE_BITS = 0x1F;

    /**
     * The index: per slot, the entry + 1 in the low 32 bits (0 = empty) and 32 bits of the id's second hash half
     * in the high ones, so a probe past another id's slot is told apart without reading that id's keys (a cache
     * miss each, in a table of millions of ids): a new id, most of a replay, costs the one line of its slot.
     */
    private long[] slots = new long[2048];
    private int mask = 2047;
    private int size;
    long[] k1 = new long[1024];
    long[] k2 = new long[1024];
    long[] timestamps = new long[1024];
    /** The signed amount in units at the entry's scale (0 when {@link #big} holds it). */
    long[] units = new long[1024];
    int[] accounts = new int[1024];
    byte[] flags = new byte[1024];
    int[] partitions = new int[1024];
    long[] offsets = new long[1024];
    /** Signed amounts that do not fit a long, by entry. */
    private final Map<Integer, BigDecimal> big = new HashMap<>();
    /** Entries before this were saved with a snapshot; {@link #changed} lists saved ones changed since. */
    private int savedUpTo;
    private final LongList changed = new LongList();
    private long touched;

    int size() {
        return size;
    }

    /** Makes room for about this many more ids at once (growing by doubling rehashes each id several times). */
    void expect(long more) {
        long wanted = Math.min(1L << 30, (size + more) * 4 / 3 + 1);
        if (wanted > slots.length) {
            rehash(Integer.highestOneBit((int) Math.min(1 << 30, wanted - 1)) << 1);
        }
        if (size + more > k1.length) {
            grow((int) Math.min(Integer.MAX_VALUE - 8, size + more));
        }
    }

    /** Lets the ids go, once a replay's answers are made; the table is empty afterwards. */
    void release() {
        slots = new long[2];
        mask = 1;
        size = 0;
        savedUpTo = 0;
        changed.size = 0;
        k1 = k2 = timestamps = units = offsets = new long[0];
        accounts = partitions = new int[0];
        flags = new byte[0];
        big.clear();
        saved = null;
    }

    /** Reads the index slot of each key, so the finds that follow have their cache lines loaded. */
    void touch(long[] keys, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += slots[home(keys[i])];
        }
        touched = sum; // kept, so the loads are not optimised away
    }

    private int home(long key1) {
        return (int) (key1 ^ (key1 >>> 32)) & mask;
    }

    /**
     * The entry of an id, or -1. An id a snapshot saved is taken into the table when first looked up (and saved
     * again with the next snapshot, as a later run holds the newer content).
     */
    int find(long key1, long key2) {
        int e = findHere(key1, key2);
        if (e >= 0 || saved == null) {
            return e;
        }
        Variant v = saved.find(key1, key2);
        return v == null ? -1 : add(key1, key2, v);
    }

    private int findHere(long key1, long key2) {
        int slot = home(key1);
        long tag = tag(key2);
        while (true) {
            long v = slots[slot];
            if (v == 0) {
                return -1;
            }
            if ((v & TAG) == tag) {
                int e = (int) v - 1;
                if (k1[e] == key1 && k2[e] == key2) {
                    return e;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    private static final long TAG = 0xFFFF_FFFF_0000_0000L;

    private static long tag(long key2) {
        return key2 & TAG;
    }

    /** Adds an id not in the table with its event's content; returns its entry. */
    int add(long key1, long key2, int account, long timestamp, long signedUnits, int scale, boolean credit,
            BigDecimal signedBig, int partition, long offset) {
        int e = add(key1, key2);
        timestamps[e] = timestamp;
        accounts[e] = account;
        partitions[e] = partition;
        offsets[e] = offset;
        units[e] = signedBig == null ? signedUnits : 0;
        flags[e] = (byte) (scale | (credit ? CREDIT : 0) | (signedBig != null ? BIG : 0));
        if (signedBig != null) {
            big.put(e, signedBig);
        }
        return e;
    }

    private int add(long key1, long key2, Variant v) {
        int e = add(key1, key2);
        set(e, v);
        return e;
    }

    private int add(long key1, long key2) {
        if ((size + 1) * 4L >= slots.length * 3L) {
            rehash(slots.length * 2);
        }
        if (size == k1.length) {
            grow(size * 2);
        }
        int e = size++;
        k1[e] = key1;
        k2[e] = key2;
        int slot = home(key1);
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = tag(key2) | (e + 1);
        return e;
    }

    /** Puts another record's content in an entry's place. */
    void replace(int e, Variant v) {
        set(e, v);
        if (e < savedUpTo) {
            changed.add(e);
        }
    }

    /** Moves an entry's place to an earlier record of the same content (a redelivery read before it). */
    void placeEarlier(int e, int partition, long offset) {
        if (partition < partitions[e] || partition == partitions[e] && offset < offsets[e]) {
            partitions[e] = partition;
            offsets[e] = offset;
            if (e < savedUpTo) {
                changed.add(e);
            }
        }
    }

    private void set(int e, Variant v) {
        timestamps[e] = v.timestamp();
        accounts[e] = v.account();
        partitions[e] = v.partition();
        offsets[e] = v.offset();
        int f = v.scale() | (v.credit() ? CREDIT : 0);
        if (v.big() != null) {
            big.put(e, v.big());
            units[e] = 0;
            f |= BIG;
        } else {
            big.remove(e);
            units[e] = v.units();
        }
        flags[e] = (byte) f;
    }

    /** The content of an entry. */
    Variant variant(int e) {
        int f = flags[e];
        return new Variant(accounts[e], timestamps[e], units[e], f & SCALE_BITS, (f & CREDIT) != 0,
                (f & BIG) != 0 ? big.get(e) : null, partitions[e], offsets[e]);
    }

    /** True when the entry holds exactly this content: the same type, account, amount and event time. */
    boolean same(int e, int account, long timestamp, long signedUnits, int scale, boolean credit, BigDecimal signedBig) {
        int f = flags[e];
        if (accounts[e] != account || timestamps[e] != timestamp || ((f & CREDIT) != 0) != credit
                || (f & SCALE_BITS) != scale) {
            return false;
        }
        if ((f & BIG) != 0 || signedBig != null) {
            return signedBig != null && (f & BIG) != 0 && signedBig.equals(big.get(e));
        }
        return units[e] == signedUnits;
    }

    private void grow(int capacity) {
        k1 = Arrays.copyOf(k1, capacity);
        k2 = Arrays.copyOf(k2, capacity);
        timestamps = Arrays.copyOf(timestamps, capacity);
        units = Arrays.copyOf(units, capacity);
        accounts = Arrays.copyOf(accounts, capacity);
        flags = Arrays.copyOf(flags, capacity);
        partitions = Arrays.copyOf(partitions, capacity);
        offsets = Arrays.copyOf(offsets, capacity);
    }

    private void rehash(int slotCount) {
        slots = new long[slotCount];
        mask = slotCount - 1;
        for (int e = 0; e < size; e++) {
            int slot = home(k1[e]);
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = tag(k2[e]) | (e + 1);
        }
    }

    // ---------------------------------------------------------------- saved with snapshots

    /** Ids saved with the snapshots a replay reads on from; null for a replay from the start. */
    private SavedIds saved;

    void readOnFrom(SavedIds ids) {
        saved = ids;
    }

    /** The entries added or changed since the last call, as snapshot {@code seq}'s run; clears them. */
    SavedIds.Parts takeUnsaved(long seq) {
        int[] entries = new int[size - savedUpTo + changed.size];
        int n = 0;
        for (int e = savedUpTo; e < size; e++) {
            entries[n++] = e;
        }
        java.util.BitSet listed = new java.util.BitSet();
        for (int i = 0; i < changed.size; i++) {
            int e = (int) changed.values[i];
            if (!listed.get(e)) {
                listed.set(e);
                entries[n++] = e;
            }
        }
        savedUpTo = size;
        changed.size = 0;
        return SavedIds.encode(seq, this, Arrays.copyOf(entries, n));
    }

    BigDecimal bigOf(int e) {
        return (flags[e] & BIG) != 0 ? big.get(e) : null;
    }

    static Variant variantOf(int account, long timestamp, long units, byte flags, BigDecimal big, int partition,
                             long offset) {
        if ((flags & SCALE_BITS) > Amount.MAX_SCALE || ((flags & BIG) != 0) != (big != null)) {
            throw new SavedIds.Unreadable("a saved event id has an amount of no ledger");
        }
        return new Variant(account, timestamp, units, flags & SCALE_BITS, (flags & CREDIT) != 0, big, partition,
                offset);
    }

    /**
     * One record's content for an event id: what the balance adds (a signed amount: a debit is negative), when,
     * to which account, and where the record is.
     */
    record Variant(int account, long timestamp, long units, int scale, boolean credit, BigDecimal big, int partition,
                   long offset) {

        /** The signed amount. */
        BigDecimal amount() {
            return big != null ? big : BigDecimal.valueOf(units, scale);
        }

        /**
         * The rule for an id with records that differ: the earliest event (by event time, then partition, then
         * offset) is the event; later ones reuse its id. It does not depend on the order records are read in,
         * so a replay from a snapshot and a full one agree.
         */
        boolean precedes(Variant other) {
            if (timestamp != other.timestamp) {
                return timestamp < other.timestamp;
            }
            if (partition != other.partition) {
                return partition < other.partition;
            }
            return offset < other.offset;
        }

        boolean sameContent(Variant o) {
            return account == o.account && timestamp == o.timestamp && credit == o.credit && scale == o.scale
                    && (big == null ? o.big == null && units == o.units : big.equals(o.big));
        }
    }
}
