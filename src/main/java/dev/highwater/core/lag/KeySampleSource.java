package dev.highwater.core.lag;

import java.util.List;

/** Reads the keys of a topic's recent records, read-only, to find hot keys. */
public interface KeySampleSource extends AutoCloseable {

    /** A record's key as text (UTF-8, or hex when it is not text), null for a record without a key. */
    record SampledKey(String topic, int partition, String key) {
    }

    /**
     * The keys of the topic's recent records, up to {@code perPartition} times its partitions in all, each
     * partition giving records in proportion to its traffic so that a key's share of the sample is its share
     * of the topic's traffic.
     */
    List<SampledKey> sample(String topic, int perPartition);

    @Override
    void close();
}
