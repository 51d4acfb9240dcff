package dev.highwater.kafka;

import dev.highwater.core.connect.ClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Topics and committed groups for tests against a real broker. */
public final class TestTopics {

    private TestTopics() {
    }

    /**
     * Creates {@code topic} with {@code partitions} partitions and writes {@code perPartition} records to each,
     * record i stamped {@code first + i * step}.
     */
    public static void fill(ClientSettings client, String topic, int partitions, int perPartition, Instant first,
                            java.time.Duration step) throws Exception {
        try (Admin admin = Admin.create(client.admin("test-topics"))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(20, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                client.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < perPartition; i++) {
                for (int part = 0; part < partitions; part++) {
                    p.send(new ProducerRecord<>(topic, part, first.plus(step.multipliedBy(i)).toEpochMilli(), "k",
                            "v" + i));
                }
            }
        }
    }

    /** Commits offset {@code upTo} on every partition of {@code topic} for {@code group}, which then leaves. */
    public static void commit(ClientSettings client, String group, String topic, int partitions, long upTo) {
        Map<TopicPartition, OffsetAndMetadata> offsets = java.util.stream.IntStream.range(0, partitions).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> new OffsetAndMetadata(upTo)));
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                client.bootstrapServers(), "group.id", group, "enable.auto.commit", "false"),
                new StringDeserializer(), new StringDeserializer())) {
            c.commitSync(offsets);
        }
    }

    /** The committed offsets of {@code group} on {@code topic}, by partition. */
    public static Map<Integer, Long> committed(ClientSettings client, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(client.admin("test-topics"))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }
}
