package dev.highwater.kafka.lag;

import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.lag.OffsetsSnapshot.GroupOffsets;
import dev.highwater.core.lag.OffsetsSnapshot.RecordTime;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.kafka.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Thousands of partitions in one read: every group-partition gets the exact time of the record at its committed
 * offset, from the first read on. A read used to ask the consumer for each sought partition's position before
 * the broker had confirmed it, waiting for that one partition after another, and ran out of its budget before
 * the first record came back: on 3,000 partitions no time at all was read.
 */
class RecordTimesAtScaleTest {

    private static final int TOPICS = 300;
    private static final int PARTITIONS = 10;
    private static final int GROUPS = 30;
    private static final long T0 = 1_700_000_000_000L;

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @Test
    void everyGroupPartitionOfThousandsGetsItsExactRecordTimeInTheFirstRead() throws Exception {
        Set<String> groups = new TreeSet<>();
        try (Admin admin = Admin.create(broker.client().admin("test-setup"))) {
            List<NewTopic> topics = new ArrayList<>();
            for (int t = 0; t < TOPICS; t++) {
                topics.add(new NewTopic("wide-" + t, PARTITIONS, (short) 1));
            }
            admin.createTopics(topics).all().get(2, TimeUnit.MINUTES);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(), "linger.ms", 20, "max.block.ms", 120_000),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                List<Future<?>> sent = new ArrayList<>();
                for (int t = 0; t < TOPICS; t++) {
                    for (int p = 0; p < PARTITIONS; p++) {
                        for (int o = 0; o < 3; o++) {
                            sent.add(producer.send(new ProducerRecord<>("wide-" + t, p, time(t, p, o), null,
                                    new byte[10])));
                        }
                    }
                }
                for (Future<?> f : sent) {
                    f.get(2, TimeUnit.MINUTES);
                }
            }
            // each group reads ten topics of its own, committed at offset 1 or 2: every partition lags
            for (int g = 0; g < GROUPS; g++) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (int t = g * 10; t < g * 10 + 10; t++) {
                    for (int p = 0; p < PARTITIONS; p++) {
                        offsets.put(new TopicPartition("wide-" + t, p), new OffsetAndMetadata(1 + (t + p) % 2));
                    }
                }
                admin.alterConsumerGroupOffsets("wide-group-" + g, offsets).all().get(1, TimeUnit.MINUTES);
                groups.add("wide-group-" + g);
            }
        }
        try (KafkaOffsetsSource source = new KafkaOffsetsSource(broker.client(), Clock.systemUTC())) {
            OffsetsSnapshot snapshot = source.read(groups);
            assertEquals(null, snapshot.error());
            int exact = 0;
            List<String> wrong = new ArrayList<>();
            for (GroupOffsets g : snapshot.groups()) {
                for (Map.Entry<PartitionId, Long> e : g.committed().entrySet()) {
                    int t = Integer.parseInt(e.getKey().topic().substring("wide-".length()));
                    RecordTime time = g.recordTimes().get(e.getKey());
                    if (time != null && time.timestampMillis() == time(t, e.getKey().partition(), e.getValue())) {
                        exact++;
                    } else if (wrong.size() < 3) {
                        wrong.add(g.groupId() + " " + e.getKey() + ": " + time);
                    }
                }
            }
            assertEquals(TOPICS * PARTITIONS, exact, "group-partitions with their exact record time; e.g. " + wrong);
        }
    }

    private static long time(int t, int p, long offset) {
        return T0 + offset * 60_000 + t * PARTITIONS + p;
    }
}
