package dev.highwater.core.ledger;

/**
 * The set of distinct events seen, each by a 128-bit {@link EventHash} of (account, event id, event timestamp): an
 * open-addressing table of two longs per event instead of a string set, which would take ten times the memory.
 * Two different events merge only if their 128-bit hashes collide; for a billion events the chance is below
 * 10^-20, the guarantee content-addressed storage relies on. The timestamp is part of the identity because a
 * redelivery repeats its event's timestamp, and it lets snapshots keep keys by time bucket (see
 * {@link LedgerState}).
 */
final class EventKeys {

    private long[] table = new long[2 * 1024];
    private int size;
    private int mask = 1023;

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
}
