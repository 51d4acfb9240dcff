package dev.highwater.kafka.tail;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.tail.TailListener;
import dev.highwater.core.tail.TailReading;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailSource;

import java.util.List;
import java.util.Map;

/** A cluster's topics read with group-less consumers: {@link TailReader}, {@link TopicInfo}. */
public final class KafkaTailSource implements TailSource {

    private final ClientSettings settings;

    public KafkaTailSource(ClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<String> topics() {
        return TailReader.topics(settings);
    }

    @Override
    public int partitions(String topic) {
        return TopicInfo.partitions(settings, topic);
    }

    @Override
    public Map<Integer, Long> endOffsets(String topic) {
        return TopicInfo.endOffsets(settings, topic);
    }

    @Override
    public TailReading open(TailRequest request, TailListener listener) {
        return new TailReader(settings, request, listener);
    }
}
