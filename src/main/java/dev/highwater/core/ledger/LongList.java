package dev.highwater.core.ledger;

import java.util.Arrays;

/** A growable list of longs (no boxing). */
final class LongList {

    long[] values = new long[16];
    int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    long countAtOrBelow(long limit) {
        long n = 0;
        for (int i = 0; i < size; i++) {
            if (values[i] <= limit) {
                n++;
            }
        }
        return n;
    }

    /** Removes the values at or below the limit; returns how many. */
    int removeAtOrBelow(long limit) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (values[i] > limit) {
                values[kept++] = values[i];
            }
        }
        int removed = size - kept;
        size = kept;
        return removed;
    }
}
