package dev.highwater.core.lag;

import java.util.List;

/**
 * The heaviest keys of one topic's sampled records.
 *
 * @param sampled how many records of the topic were sampled
 * @param top     the heaviest keys, heaviest first (keyless records as one entry, {@link #NO_KEY})
 * @param advice  for each hot key, what it does to the topic and how to spread it
 */
public record HotKeyReport(String topic, long sampled, List<KeyShare> top, List<String> advice) {

    /** How records without a key are listed. */
    public static final String NO_KEY = "(no key)";

    public HotKeyReport {
        top = List.copyOf(top);
        advice = List.copyOf(advice);
    }

    public boolean hasHotKey() {
        return top.stream().anyMatch(KeyShare::hot);
    }

    /**
     * One key's weight.
     *
     * @param key        the key as text (UTF-8 or hex, as the sampler was given it), {@link #NO_KEY} when keyless
     * @param noKey      true for the entry counting records without a key (never hot: they go round-robin)
     * @param count      records sampled with this key (a lower bound once the counter had to replace keys)
     * @param share      count / the records sampled in the topic (or the partition, in a per-partition view)
     * @param partitions the partitions its records landed in, ascending
     * @param hot        the share is above the hot-key threshold of the topic's sampled records
     */
    public record KeyShare(String key, boolean noKey, long count, double share, List<Integer> partitions,
                           boolean hot) {

        public KeyShare {
            partitions = List.copyOf(partitions);
        }
    }
}
