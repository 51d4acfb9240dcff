package dev.highwater.core.serve;

import dev.highwater.core.lag.KeySampleSource;

import java.util.List;

/**
 * The lag service reads no records' keys: its hot partitions come from lag alone, and sampling every topic of a
 * large cluster every few seconds would be most of its traffic.
 */
final class NoKeySamples implements KeySampleSource {

    @Override
    public List<SampledKey> sample(String topic, int perPartition) {
        return List.of();
    }

    @Override
    public void close() {
    }
}
