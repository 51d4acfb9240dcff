package dev.highwater.kafka.ledger;

import dev.highwater.core.ledger.LedgerReplayException;
import dev.highwater.core.ledger.LedgerTopic;
import dev.highwater.kafka.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger's reader on a real broker, where records can go away between looking at a topic and reading it. */
class KafkaLedgerSourceTest {

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @Test
    void recordsDeletedFromUnderTheReadAreNamedNotTakenForAClusterThatDoesNotAnswer() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("shrinking", 1, (short) 1))).all().get();
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 20; i++) {
                    p.send(new ProducerRecord<>("shrinking", ("event " + i).getBytes(StandardCharsets.UTF_8)));
                }
                p.flush();
            }
            try (KafkaLedgerSource source = new KafkaLedgerSource(broker.client())) {
                LedgerTopic topic = source.describe("shrinking");
                assertEquals(0, topic.startOffsets()[0]);
                // as the topic's retention would, between the look at the topic and the read
                admin.deleteRecords(Map.of(new TopicPartition("shrinking", 0), RecordsToDelete.beforeOffset(10)))
                        .all().get();
                LedgerReplayException e = assertThrows(LedgerReplayException.class,
                        () -> source.read(topic, new long[] {0}, (partition, offset, key, value) -> { }));
                assertTrue(e.getMessage().startsWith("the records of shrinking partition 0 from offset 0 were deleted"
                        + " while the replay read them"), e.getMessage());

                long[] read = new long[1];
                source.read(source.describe("shrinking"), new long[] {10}, (partition, offset, key, value) -> read[0]++);
                assertEquals(10, read[0], "the rest is read as usual");
            }
        }
    }
}
