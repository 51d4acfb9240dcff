package dev.highwater.core.tail;

import java.time.Instant;

/**
 * What to read: a topic, one partition or all (null), where to start, whether to follow past the end, how many
 * records at most (0: no limit), and the instant a bounded read ends at (null: the partitions' ends when the read
 * started). With {@code until}, each partition is read up to its first record stamped after that instant, so the
 * read covers a window of time; it never follows.
 */
public record TailRequest(String topic, Integer partition, TailStart start, boolean follow, long limit,
                          Instant until) {

    public TailRequest {
        if (until != null && follow) {
            throw new IllegalArgumentException("a read that ends at an instant does not follow new records");
        }
    }

    /** A read without an end instant: to the partitions' ends, or on and on when following. */
    public TailRequest(String topic, Integer partition, TailStart start, boolean follow, long limit) {
        this(topic, partition, start, follow, limit, null);
    }
}
