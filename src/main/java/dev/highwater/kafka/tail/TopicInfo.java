package dev.highwater.kafka.tail;

import dev.highwater.core.connect.ClientSettings;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;

import java.time.Duration;
import java.util.List;

/** How many partitions a topic has, read with a group-less client (0 when it does not exist). */
public final class TopicInfo {

    private TopicInfo() {
    }

    public static int partitions(ClientSettings settings, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(settings.groupLessConsumer("highwater-topic-info"))) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            return infos == null ? 0 : infos.size();
        }
    }
}
