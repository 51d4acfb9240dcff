package dev.highwater.kafka.lag;

import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.lag.OffsetsSnapshot.GroupOffsets;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offsets adapter against a real broker: exact record times, missing commits, deleted topics, read-only. */
class KafkaOffsetsSourceTest {

    private static final long T0 = 1_700_000_000_000L;
    private static EmbeddedKafka kafka;
    private static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1))).all().get();
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                p.send(new ProducerRecord<>("orders", 0, T0 + i * 1_000L, "k" + i, "v" + i));
                p.send(new ProducerRecord<>("orders", 2, T0 + i * 1_000L, "k" + i, "v" + i));
            }
            p.send(new ProducerRecord<>("orders", 1, T0, "k", "v"));
        }
        admin.alterConsumerGroupOffsets("billing", Map.of(
                new TopicPartition("orders", 0), new OffsetAndMetadata(4),
                new TopicPartition("orders", 2), new OffsetAndMetadata(10))).all().get();
    }

    @AfterAll
    static void stop() {
        admin.close();
        kafka.close();
    }

    @Test
    void readsCommittedAndLogOffsetsAndTheExactTimeOfTheOldestUnconsumedRecord() {
        try (KafkaOffsetsSource source = new KafkaOffsetsSource(ClientSettings.of(kafka.bootstrapServers()), Clock.systemUTC())) {
            OffsetsSnapshot s = source.read(Set.of("billing"));
            assertTrue(s.connected(), s.error());
            GroupOffsets billing = s.groups().getFirst();
            PartitionId p0 = new PartitionId("orders", 0);
            PartitionId p1 = new PartitionId("orders", 1);
            PartitionId p2 = new PartitionId("orders", 2);
            assertEquals(4L, billing.committed().get(p0));
            assertNull(billing.committed().get(p1), "never committed on partition 1");
            assertEquals(10, s.logs().get(p0).logEnd());
            assertEquals(1, s.logs().get(p1).logEnd(), "a partition without a commit is still listed");
            assertEquals(T0 + 4_000, billing.recordTimes().get(p0).timestampMillis(), "the record at offset 4");
            assertFalse(billing.recordTimes().get(p0).estimated());
            assertNull(billing.recordTimes().get(p2), "caught up: no record to time");
            assertEquals("Empty", billing.state());
        }
    }

    @Test
    void aGroupThatDoesNotExistIsDeadAndTheOthersAreStillRead() {
        try (KafkaOffsetsSource source = new KafkaOffsetsSource(ClientSettings.of(kafka.bootstrapServers()), Clock.systemUTC())) {
            assertFalse(source.groups().contains("no-such-group"));
            OffsetsSnapshot s = source.read(Set.of("billing", "no-such-group"));
            assertTrue(s.connected(), s.error());
            GroupOffsets missing = s.groups().stream().filter(g -> g.groupId().equals("no-such-group")).findFirst().orElseThrow();
            assertTrue(missing.committed().isEmpty());
            assertEquals(2, s.groups().size());
        }
    }

    @Test
    void aDeletedTopicDropsOutOfTheSnapshot() throws Exception {
        admin.createTopics(List.of(new NewTopic("short-lived", 2, (short) 1))).all().get();
        // a new topic reaches the group coordinator's metadata a moment after creation: retry the commit until then
        for (int attempt = 0; ; attempt++) {
            try {
                admin.alterConsumerGroupOffsets("short-lived-readers",
                        Map.of(new TopicPartition("short-lived", 0), new OffsetAndMetadata(0))).all().get();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt > 50 || !(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        try (KafkaOffsetsSource source = new KafkaOffsetsSource(ClientSettings.of(kafka.bootstrapServers()), Clock.systemUTC())) {
            assertTrue(source.read(Set.of("short-lived-readers")).logs().containsKey(new PartitionId("short-lived", 0)));
            admin.deleteTopics(List.of("short-lived")).all().get();
            OffsetsSnapshot after = waitFor(source, "short-lived-readers",
                    s -> !s.logs().containsKey(new PartitionId("short-lived", 0)));
            assertTrue(after.connected(), after.error());
            assertTrue(after.groups().getFirst().committed().isEmpty(), "no stale partition rows");
        }
    }

    @Test
    void monitoringNeverChangesAGroupsOffsetsOrMembers() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread member = Thread.ofPlatform().start(() -> {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "watched",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                c.subscribe(List.of("orders"));
                while (running.get()) {
                    c.poll(Duration.ofMillis(100)); // reads but never commits: its offsets are the test's
                }
            }
        });
        admin.alterConsumerGroupOffsets("watched", Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(2)))
                .all().get();
        try (KafkaOffsetsSource source = new KafkaOffsetsSource(ClientSettings.of(kafka.bootstrapServers()), Clock.systemUTC())) {
            waitFor(source, "watched", s -> s.groups().getFirst().state().equals("Stable"));
            Map<TopicPartition, OffsetAndMetadata> offsetsBefore = admin.listConsumerGroupOffsets("watched")
                    .partitionsToOffsetAndMetadata().get();
            ConsumerGroupDescription before = admin.describeConsumerGroups(List.of("watched")).all().get().get("watched");
            for (int i = 0; i < 5; i++) {
                assertNotNull(source.read(Set.of()).groups());
                source.read(Set.of("watched"));
            }
            Map<TopicPartition, OffsetAndMetadata> offsetsAfter = admin.listConsumerGroupOffsets("watched")
                    .partitionsToOffsetAndMetadata().get();
            ConsumerGroupDescription after = admin.describeConsumerGroups(List.of("watched")).all().get().get("watched");
            assertEquals(offsetsBefore, offsetsAfter);
            assertEquals(before.members(), after.members());
            assertEquals(before.groupEpoch(), after.groupEpoch(), "no rebalance was caused");
            assertFalse(source.groups().stream().anyMatch(g -> g.startsWith("highwater")), "no group of ours");
        } finally {
            running.set(false);
            member.join(10_000);
        }
    }

    @Test
    void aDeadBrokerIsADisconnectedSnapshotWithinSeconds() {
        EmbeddedKafka shortLived = EmbeddedKafka.start(0, null);
        String bootstrap = shortLived.bootstrapServers();
        try (KafkaOffsetsSource source = new KafkaOffsetsSource(ClientSettings.of(bootstrap), Clock.systemUTC())) {
            assertTrue(source.read(Set.of()).connected());
            shortLived.close();
            OffsetsSnapshot s = source.read(Set.of());
            assertFalse(s.connected());
            assertTrue(s.error().contains(bootstrap), s.error());
        }
    }

    @Test
    void aBrokerRestartIsADisconnectedSnapshotThenReadingResumesByItself(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.start(0, dir);
        int port = broker.port();
        try (Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            a.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
            a.alterConsumerGroupOffsets("keeper", Map.of(new TopicPartition("kept", 0), new OffsetAndMetadata(0)))
                    .all().get();
        }
        try (KafkaOffsetsSource source = new KafkaOffsetsSource(ClientSettings.of(broker.bootstrapServers()), Clock.systemUTC())) {
            assertTrue(source.read(Set.of("keeper")).connected());
            broker.close();
            assertFalse(source.read(Set.of("keeper")).connected(), "a stopped broker is said to be unreachable");
            broker = EmbeddedKafka.start(port, dir);
            OffsetsSnapshot back = waitFor(source, "keeper", s -> true);
            assertTrue(back.groups().getFirst().committed().containsKey(new PartitionId("kept", 0)),
                    "the same source reads again once the broker is back");
        } finally {
            broker.close();
        }
    }

    private static OffsetsSnapshot waitFor(KafkaOffsetsSource source, String group,
                                           java.util.function.Predicate<OffsetsSnapshot> condition) throws InterruptedException {
        OffsetsSnapshot s = null;
        for (int i = 0; i < 100; i++) {
            s = source.read(Set.of(group));
            if (s.connected() && condition.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("condition not reached; last snapshot " + s);
    }
}
