package dev.highwater.core.tail;

/**
 * The offsets a bounded read covers in one partition: from {@code start} up to, not including, {@code stop}.
 * Lets a reader's listener say how far through a window it is.
 */
public record PartitionSpan(int partition, long start, long stop) {

    /** Offsets in the span (0 when the partition holds nothing in it). */
    public long size() {
        return Math.max(0, stop - start);
    }
}
