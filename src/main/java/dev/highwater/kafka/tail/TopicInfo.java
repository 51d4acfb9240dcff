package dev.highwater.kafka.tail;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.tail.TailException;
import dev.highwater.kafka.ClientFailure;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How many partitions a topic has and where they end, read with a group-less client (0 / none when it does not exist). */
public final class TopicInfo {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TopicInfo() {
    }

    public static int partitions(ClientSettings settings, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(settings.groupLessConsumer("highwater-topic-info"))) {
            List<PartitionInfo> infos = c.partitionsFor(topic, WAIT);
            return infos == null ? 0 : infos.size();
        }
    }

    /** Each partition's end offset, by partition; empty when the topic does not exist. */
    public static Map<Integer, Long> endOffsets(ClientSettings settings, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(settings.groupLessConsumer("highwater-topic-info"))) {
            List<PartitionInfo> infos = c.partitionsFor(topic, WAIT);
            Map<Integer, Long> ends = new TreeMap<>();
            if (infos == null || infos.isEmpty()) {
                return ends;
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.endOffsets(parts, WAIT).forEach((tp, end) -> ends.put(tp.partition(), end));
            return ends;
        } catch (KafkaException e) {
            throw new TailException(ClientFailure.definite(settings, e)
                    .orElseGet(() -> "where the partitions of " + topic + " end could not be read: " + e.getMessage()));
        }
    }
}
