package dev.highwater.core.tail;

import dev.highwater.core.decode.RawRecord;

import java.util.List;

/** Where a tail's records and state go; called on the reading thread. */
public interface TailListener {
    /** A batch of records in partition order; may block (the reader waits: memory stays bounded). */
    void records(List<RawRecord> batch) throws InterruptedException;

    /**
     * Once, before the first records of a read that ends (one that does not follow): the offsets it will cover in
     * each partition read, so a listener can tell how far through them it is.
     */
    default void spans(List<PartitionSpan> spans) {
    }

    /** The reader's state changed: reading, caught up, paused, disconnected (with why), finished or failed. */
    void status(TailStatus status);
}
