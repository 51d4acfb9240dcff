package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.zip.CRC32;

/**
 * The event ids that earlier snapshots saved, one run per snapshot (the ids first seen or changed since the
 * one before), for a replay that reads on from a snapshot. Each run is saved as two parts: its ids sorted with
 * their content, and a Bloom filter of them. The filters are read when the replay starts (about 3 bytes an id);
 * a run itself only when its filter says it may hold an id looked up. So reading on from a snapshot costs a
 * few filter probes per record instead of loading every id of the ledger, while a redelivery or a conflict with
 * any event before the snapshot is still found. A later run holds the newer content of an id.
 */
final class SavedIds {

    /**
     * Where a snapshot store keeps the parts: filters under this bucket, in the order saved; the run of snapshot
     * n under bucket n.
     */
    static final long FILTERS = 0;

    private static final int FILTER_MAGIC = 0x48574946; // "HWIF"
    private static final int RUN_MAGIC = 0x48574952;    // "HWIR"
    /** Filter bits per id and probes: a false "may hold" about once in 100,000 lookups per run. */
    private static final int BITS_PER_ID = 24;
    private static final int PROBES = 16;

    /** Thrown when a saved part cannot be read: the replay then sets the snapshots aside and reads it all. */
    static final class Unreadable extends IllegalArgumentException {
        Unreadable(String why) {
            super(why);
        }
    }

    private static final class Run {
        final long seq;
        final long[] bits;
        long[] k1;
        long[] k2;
        EventTable.Variant[] contents;

        Run(long seq, long[] bits) {
            this.seq = seq;
            this.bits = bits;
        }
    }

    private final List<Run> runs = new ArrayList<>(); // oldest first
    private final LongFunction<byte[]> runData;
    private final int accounts;

    /** @param runData the saved ids of the snapshot of a sequence number */
    SavedIds(LongFunction<byte[]> runData, int accounts) {
        this.runData = runData;
        this.accounts = accounts;
    }

    /** Adds a run's filter, in the order the snapshots were saved. */
    void addFilter(byte[] saved) {
        ByteBuffer b = checked(saved, "the filters of saved event ids");
        if (b.getInt() != FILTER_MAGIC) {
            throw new Unreadable("a saved event id filter is of another kind");
        }
        long seq = b.getLong();
        int words = b.getInt();
        if (words <= 0 || Integer.bitCount(words) != 1 || words != b.remaining() / 8) {
            throw new Unreadable("a saved event id filter has a wrong size");
        }
        long[] bits = new long[words];
        b.asLongBuffer().get(bits);
        runs.add(new Run(seq, bits));
    }

    /** The newest saved content of an id, or null when no run holds it. */
    EventTable.Variant find(long k1, long k2) {
        for (int r = runs.size() - 1; r >= 0; r--) {
            Run run = runs.get(r);
            if (!mayHold(run.bits, k1, k2)) {
                continue;
            }
            if (run.k1 == null) {
                load(run);
            }
            int i = Arrays.binarySearch(run.k1, k1);
            if (i < 0) {
                continue;
            }
            while (i > 0 && run.k1[i - 1] == k1) {
                i--;
            }
            for (; i < run.k1.length && run.k1[i] == k1; i++) {
                if (run.k2[i] == k2) {
                    return run.contents[i];
                }
            }
        }
        return null;
    }

    private static boolean mayHold(long[] bits, long k1, long k2) {
        int mask = bits.length * 64 - 1;
        long step = k2 | 1;
        for (int i = 0; i < PROBES; i++) {
            int bit = (int) ((k1 + i * step) & mask);
            if ((bits[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private static void set(long[] bits, long k1, long k2) {
        int mask = bits.length * 64 - 1;
        long step = k2 | 1;
        for (int i = 0; i < PROBES; i++) {
            int bit = (int) ((k1 + i * step) & mask);
            bits[bit >>> 6] |= 1L << bit;
        }
    }

    private void load(Run run) {
        ByteBuffer b = checked(runData.apply(run.seq), "the event ids of snapshot " + run.seq);
        if (b.getInt() != RUN_MAGIC || b.getLong() != run.seq) {
            throw new Unreadable("the saved event ids of snapshot " + run.seq + " are of another snapshot");
        }
        int n = b.getInt();
        if (n < 0 || n > b.remaining() / 49) {
            throw new Unreadable("the saved event ids of snapshot " + run.seq + " are cut short");
        }
        long[] k1 = longs(b, n);
        long[] k2 = longs(b, n);
        long[] ts = longs(b, n);
        long[] units = longs(b, n);
        long[] offsets = longs(b, n);
        int[] account = new int[n];
        b.asIntBuffer().get(account);
        b.position(b.position() + 4 * n);
        int[] partitions = new int[n];
        b.asIntBuffer().get(partitions);
        b.position(b.position() + 4 * n);
        byte[] flags = new byte[n];
        b.get(flags);
        Map<Integer, BigDecimal> big = new HashMap<>();
        int bigs = b.getInt();
        for (int i = 0; i < bigs; i++) {
            int at = b.getInt();
            int scale = b.getInt();
            byte[] unscaled = new byte[b.getInt()];
            b.get(unscaled);
            big.put(at, new BigDecimal(new BigInteger(unscaled), scale));
        }
        if (b.hasRemaining()) {
            throw new Unreadable("the saved event ids of snapshot " + run.seq + " run on past their end");
        }
        EventTable.Variant[] contents = new EventTable.Variant[n];
        for (int i = 0; i < n; i++) {
            if (account[i] < 0 || account[i] >= accounts || (i > 0 && Long.compare(k1[i - 1], k1[i]) > 0)) {
                throw new Unreadable("the saved event ids of snapshot " + run.seq + " do not fit the snapshot");
            }
            contents[i] = EventTable.variantOf(account[i], ts[i], units[i], flags[i], big.get(i), partitions[i],
                    offsets[i]);
        }
        run.k1 = k1;
        run.k2 = k2;
        run.contents = contents;
    }

    private static long[] longs(ByteBuffer b, int n) {
        long[] out = new long[n];
        b.asLongBuffer().get(out);
        b.position(b.position() + 8 * n);
        return out;
    }

    private static ByteBuffer checked(byte[] saved, String what) {
        if (saved == null || saved.length < 16) {
            throw new Unreadable(what + " are missing or cut short");
        }
        CRC32 crc = new CRC32();
        crc.update(saved, 0, saved.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(saved, saved.length - 8, 8).getLong()) {
            throw new Unreadable(what + " do not match their checksum");
        }
        return ByteBuffer.wrap(saved, 0, saved.length - 8);
    }

    // ---------------------------------------------------------------- writing a run

    /** The two saved parts of a run: its filter and its ids with their content. */
    record Parts(byte[] filter, byte[] run) {
    }

    /** Encodes entries of a table as snapshot {@code seq}'s run, sorted by id. */
    static Parts encode(long seq, EventTable table, int[] entries) {
        int n = entries.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = entries[i];
        }
        Arrays.sort(order, (x, y) -> table.k1[x] != table.k1[y] ? Long.compare(table.k1[x], table.k1[y])
                : Long.compare(table.k2[x], table.k2[y]));
        long[] bits = new long[Math.max(1, Integer.highestOneBit(Math.max(64, n * BITS_PER_ID) - 1) << 1) / 64];
        List<byte[]> bigBytes = new ArrayList<>();
        List<int[]> bigAt = new ArrayList<>();
        int bigSize = 0;
        for (int i = 0; i < n; i++) {
            int e = order[i];
            set(bits, table.k1[e], table.k2[e]);
            BigDecimal big = table.bigOf(e);
            if (big != null) {
                byte[] unscaled = big.unscaledValue().toByteArray();
                bigBytes.add(unscaled);
                bigAt.add(new int[] {i, big.scale()});
                bigSize += 12 + unscaled.length;
            }
        }
        ByteBuffer run = ByteBuffer.allocate(4 + 8 + 4 + n * 49 + 4 + bigSize + 8);
        run.putInt(RUN_MAGIC).putLong(seq).putInt(n);
        for (long[] column : new long[][] {table.k1, table.k2, table.timestamps, table.units, table.offsets}) {
            for (int i = 0; i < n; i++) {
                run.putLong(column[order[i]]);
            }
        }
        for (int[] column : new int[][] {table.accounts, table.partitions}) {
            for (int i = 0; i < n; i++) {
                run.putInt(column[order[i]]);
            }
        }
        for (int i = 0; i < n; i++) {
            run.put(table.flags[order[i]]);
        }
        run.putInt(bigBytes.size());
        for (int i = 0; i < bigBytes.size(); i++) {
            run.putInt(bigAt.get(i)[0]).putInt(bigAt.get(i)[1]).putInt(bigBytes.get(i).length).put(bigBytes.get(i));
        }
        ByteBuffer filter = ByteBuffer.allocate(4 + 8 + 4 + bits.length * 8 + 8);
        filter.putInt(FILTER_MAGIC).putLong(seq).putInt(bits.length);
        for (long w : bits) {
            filter.putLong(w);
        }
        return new Parts(sealed(filter), sealed(run));
    }

    private static byte[] sealed(ByteBuffer b) {
        byte[] out = b.array();
        CRC32 crc = new CRC32();
        crc.update(out, 0, out.length - 8);
        ByteBuffer.wrap(out, out.length - 8, 8).putLong(crc.getValue());
        return out;
    }
}
