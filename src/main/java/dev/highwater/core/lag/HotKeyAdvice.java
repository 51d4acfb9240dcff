package dev.highwater.core.lag;

import java.util.stream.Collectors;

/** The remedy for a hot key, in words: what it does to the topic, and how a composite key spreads it. */
final class HotKeyAdvice {

    private HotKeyAdvice() {
    }

    /** @param partitionCount the topic's partitions, as far as the sample shows */
    static String forKey(String topic, HotKeyReport.KeyShare key, int partitionCount) {
        String where = key.partitions().size() == 1
                ? "lands in partition " + key.partitions().getFirst() + " only"
                : "lands in partitions " + key.partitions().stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
        String what = key.key() + " is " + LagFormat.share(key.share()) + " of the sampled records of " + topic
                + " and " + where + ": a key always goes to one partition, so that partition carries the key's"
                + " whole share and no extra consumer can take part of it.";
        if (partitionCount < 2) {
            return what + " The topic has one partition: add partitions, then spread the key with a composite key.";
        }
        // enough buckets that each carries about an evenly loaded partition's share
        int buckets = (int) Math.min(partitionCount, Math.max(2, Math.ceil(key.share() * partitionCount)));
        return what + " Use a composite key, the key plus a bounded bucket (" + key.key() + "#0 … " + key.key()
                + "#" + (buckets - 1) + "), so its records spread over up to " + buckets
                + " partitions while order is kept within each bucket; a reader that needs the key's whole order"
                + " merges the buckets by timestamp.";
    }
}
