package dev.highwater.core.ledger;

import java.util.function.LongSupplier;

/**
 * How many of the newest events stay after the cut, in the tail, and when the tail has grown enough for the
 * cut to move forward. Near the end of the read (its last 2 %) the tail keeps the newest 1 % of the ledger, so
 * the last snapshots answer any instant in the recent past, the one asked about most, without reading.
 */
final class TailPolicy {

    private final int keepInTail;
    private final int tailLimit;
    private final long total;
    private final LongSupplier read;

    /**
     * @param keepInTail events the tail keeps before the end of the read
     * @param tailLimit  tail size at which the cut moves forward
     * @param total      records the pass reads
     * @param read       records the pass has read so far
     */
    TailPolicy(int keepInTail, int tailLimit, long total, LongSupplier read) {
        this.keepInTail = keepInTail;
        this.tailLimit = tailLimit;
        this.total = total;
        this.read = read;
    }

    /** Events to keep after the cut when it moves. */
    int keep() {
        long nearEnd = total - total / 50;
        return read.getAsLong() >= nearEnd ? (int) Math.max(keepInTail, Math.min(2_000_000, total / 100))
                : keepInTail;
    }

    /** True when a tail of this size should have its cut moved forward. */
    boolean overfull(int size) {
        return size > Math.max(tailLimit, 2 * keep());
    }
}
