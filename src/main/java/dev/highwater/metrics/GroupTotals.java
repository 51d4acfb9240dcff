package dev.highwater.metrics;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.PartitionLag;

/**
 * A group's figures summed or maximised over its partitions, each null when no partition knows it.
 *
 * @param lag            the sum of the known lags; null when the group committed on none of its partitions
 * @param produceRate    the sum of the partitions' produce rates
 * @param consumeRate    the sum of the partitions' consume rates
 * @param secondsToDrain the longest time to drain among the partitions with a lag; null when one of them does not
 *                       drain (its lag does not shrink) or its rates are not known yet
 * @param hotPartitions  how many partitions are hot
 */
record GroupTotals(Long lag, Double produceRate, Double consumeRate, Double secondsToDrain, int hotPartitions) {

    static GroupTotals of(GroupLag g) {
        Long lag = null;
        Double produce = null;
        Double consume = null;
        double drain = 0;
        boolean drains = true;
        boolean anyLag = false;
        int hot = 0;
        for (PartitionLag p : g.partitions()) {
            if (p.lag() != null) {
                lag = (lag == null ? 0 : lag) + p.lag();
                anyLag = true;
                if (p.secondsToDrain() == null) {
                    drains = false;
                } else {
                    drain = Math.max(drain, p.secondsToDrain());
                }
            }
            produce = sum(produce, p.produceRate());
            consume = sum(consume, p.consumeRate());
            if (p.hot()) {
                hot++;
            }
        }
        return new GroupTotals(lag, produce, consume, anyLag && drains ? drain : null, hot);
    }

    private static Double sum(Double total, Double value) {
        if (value == null) {
            return total;
        }
        return total == null ? value : total + value;
    }
}
