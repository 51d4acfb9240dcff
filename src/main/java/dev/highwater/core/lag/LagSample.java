package dev.highwater.core.lag;

/**
 * One stored point of lag history. A partition of -1 holds the group's totals.
 *
 * @param lag        null when the group had no committed offset
 * @param lagSeconds null when unknown
 */
public record LagSample(long atMillis, String group, PartitionId partition, Long lag, Double lagSeconds,
                        Double produceRate, Double consumeRate) {

    public boolean isGroupTotal() {
        return partition.partition() < 0;
    }
}
