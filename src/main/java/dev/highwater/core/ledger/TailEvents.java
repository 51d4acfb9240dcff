package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Distinct events newer than a snapshot's cut, kept compactly: account, timestamp, signed amount. */
final class TailEvents {

    int size;
    int[] accounts = new int[256];
    long[] timestamps = new long[256];
    long[] units = new long[256];
    byte[] scales = new byte[256];
    /** Amounts that do not fit units/scale, by position. */
    Map<Integer, BigDecimal> big = new HashMap<>();

    void add(int account, long timestamp, long signedUnits, int scale, BigDecimal signedBig) {
        if (size == accounts.length) {
            int n = size * 2;
            accounts = Arrays.copyOf(accounts, n);
            timestamps = Arrays.copyOf(timestamps, n);
            units = Arrays.copyOf(units, n);
            scales = Arrays.copyOf(scales, n);
        }
        accounts[size] = account;
        timestamps[size] = timestamp;
        units[size] = signedUnits;
        scales[size] = (byte) scale;
        if (signedBig != null) {
            big.put(size, signedBig);
        }
        size++;
    }

    /** Event i's signed amount. */
    BigDecimal amount(int i) {
        BigDecimal b = big.isEmpty() ? null : big.get(i);
        return b != null ? b : BigDecimal.valueOf(units[i], scales[i]);
    }

    /** Adds event i into balances. */
    void addTo(int i, Balances balances) {
        balances.add(accounts[i], units[i], scales[i], big.isEmpty() ? null : big.get(i));
    }

    /** Keeps the events with timestamp > cut, handing the others to {@code base}; returns how many moved. */
    int moveAtOrBefore(long cut, Balances base) {
        int kept = 0;
        Map<Integer, BigDecimal> keptBig = new HashMap<>();
        for (int i = 0; i < size; i++) {
            if (timestamps[i] <= cut) {
                addTo(i, base);
                continue;
            }
            accounts[kept] = accounts[i];
            timestamps[kept] = timestamps[i];
            units[kept] = units[i];
            scales[kept] = scales[i];
            BigDecimal b = big.isEmpty() ? null : big.get(i);
            if (b != null) {
                keptBig.put(kept, b);
            }
            kept++;
        }
        int moved = size - kept;
        size = kept;
        big = keptBig;
        return moved;
    }

    /**
     * Takes out one event with exactly this content (an id's event that an earlier record of the id replaces);
     * the last event moves into its place, as the order of the tail does not matter.
     *
     * @return false when no event has it
     */
    boolean removeOne(int account, long timestamp, long signedUnits, int scale, BigDecimal signedBig) {
        for (int i = 0; i < size; i++) {
            if (accounts[i] != account || timestamps[i] != timestamp) {
                continue;
            }
            BigDecimal b = big.isEmpty() ? null : big.get(i);
            boolean same = signedBig == null ? b == null && units[i] == signedUnits && scales[i] == scale
                    : signedBig.compareTo(amount(i)) == 0;
            if (!same) {
                continue;
            }
            int last = size - 1;
            BigDecimal lastBig = big.isEmpty() ? null : big.remove(last);
            big.remove(i);
            accounts[i] = accounts[last];
            timestamps[i] = timestamps[last];
            units[i] = units[last];
            scales[i] = scales[last];
            if (lastBig != null && i != last) {
                big.put(i, lastBig);
            }
            size = last;
            return true;
        }
        return false;
    }

    private long[] sortScratch = new long[0];

    /**
     * A cut that leaves fewer than {@code keep} events after it (at least one moves): the timestamp of the
     * keep-th newest event, inclusive, so that a burst of events with one timestamp moves as a whole rather
     * than blocking the cut.
     */
    long cutKeeping(int keep) {
        if (sortScratch.length < size) {
            sortScratch = new long[Math.max(size, sortScratch.length * 2)];
        }
        System.arraycopy(timestamps, 0, sortScratch, 0, size);
        Arrays.sort(sortScratch, 0, size);
        return sortScratch[Math.max(0, size - Math.max(1, keep))];
    }
}
