package dev.highwater.core.lag;

/**
 * One stored point of lag history. A partition of -1 holds the group's totals.
 *
 * @param lag        null when the group had no committed offset
 * @param lagSeconds null when unknown
 * @param committed  the group's committed offset, null when it had none (and on a total's row, or history kept
 *                   before offsets were stored)
 * @param logEnd     the partition's log-end offset, null on a total's row or in history kept before offsets were
 *                   stored
 * @param owner      the client id of the member that owned the partition, null when none did (or not stored)
 */
public record LagSample(long atMillis, String group, PartitionId partition, Long lag, Double lagSeconds,
                        Double produceRate, Double consumeRate, Long committed, Long logEnd, String owner) {

    /** A sample without the offsets and owner it was read from. */
    public LagSample(long atMillis, String group, PartitionId partition, Long lag, Double lagSeconds,
                     Double produceRate, Double consumeRate) {
        this(atMillis, group, partition, lag, lagSeconds, produceRate, consumeRate, null, null, null);
    }

    public boolean isGroupTotal() {
        return partition.partition() < 0;
    }
}
