package dev.highwater.core.lag;

import java.util.List;

/** Reads the keys of a topic's recent records, read-only, to find hot keys. */
public interface KeySampleSource extends AutoCloseable {

    /** A record's key as text (UTF-8, or hex when it is not text), null for a record without a key. */
    record SampledKey(String topic, int partition, String key) {
    }

    /** The keys of up to {@code perPartition} of the newest records of each partition of the topic. */
    List<SampledKey> sample(String topic, int perPartition);

    @Override
    void close();
}
