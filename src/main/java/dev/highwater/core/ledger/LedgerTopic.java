package dev.highwater.core.ledger;

/**
 * A ledger topic as it is now: its identity and, per partition, the first offset still held and the end a
 * read_committed reader stops at.
 */
public record LedgerTopic(String name, String topicId, long[] startOffsets, long[] endOffsets) {

    public LedgerTopic {
        startOffsets = startOffsets.clone();
        endOffsets = endOffsets.clone();
    }

    @Override
    public long[] startOffsets() {
        return startOffsets.clone();
    }

    @Override
    public long[] endOffsets() {
        return endOffsets.clone();
    }

    /** The offsets from {@code from[p]} up to each partition's end: what a read from there goes through. */
    public long offsetsFrom(long[] from) {
        long n = 0;
        for (int p = 0; p < endOffsets.length; p++) {
            n += Math.max(0, endOffsets[p] - from[p]);
        }
        return n;
    }

    public int partitions() {
        return endOffsets.length;
    }
}
