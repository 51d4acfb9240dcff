package dev.highwater.kafka;

import dev.highwater.core.BackendStartException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedKafkaTest {

    @Test
    void transactionalRoundTripIsVisibleOnlyWhenCommitted() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            createTopic(kafka, "round-trip", 3);
            try (KafkaProducer<String, String> producer = transactionalProducer(kafka, "round-trip-tx")) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("round-trip", "k1", "aborted"));
                producer.flush();
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("round-trip", "k1", "one"));
                producer.send(new ProducerRecord<>("round-trip", "k2", "two"));
                producer.commitTransaction();
            }
            List<String> values = readCommitted(kafka, "round-trip", 2);
            assertEquals(Set.of("one", "two"), Set.copyOf(values), "only the committed transaction is read");
        }
    }

    @Test
    void temporaryDataFolderIsRemovedAtClose() {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            dir = kafka.dataDir();
            assertTrue(Files.isDirectory(dir));
        }
        assertFalse(Files.exists(dir), "a temporary data folder is removed");
    }

    @Test
    void keptDataFolderSurvivesARestartWithTopicsRecordsAndGroupOffsets(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, dir)) {
            createTopic(kafka, "kept", 2);
            try (KafkaProducer<String, String> producer = transactionalProducer(kafka, "kept-tx")) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("kept", "k" + i, "v" + i));
                }
                producer.commitTransaction();
            }
            try (Admin admin = admin(kafka)) {
                admin.alterConsumerGroupOffsets("kept-group",
                        Map.of(new TopicPartition("kept", 0), new OffsetAndMetadata(3))).all().get();
            }
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, dir); Admin admin = admin(kafka)) {
            assertTrue(admin.listTopics().names().get().contains("kept"));
            assertEquals(10, readCommitted(kafka, "kept", 10).size());
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets("kept-group").partitionsToOffsetAndMetadata().get();
            assertEquals(3, offsets.get(new TopicPartition("kept", 0)).offset());
        }
    }

    @Test
    void aDataFolderHeldByAnotherInstanceIsRefusedInOneLine(@TempDir Path dir) {
        try (EmbeddedKafka first = EmbeddedKafka.start(0, dir)) {
            BackendStartException e = assertThrows(BackendStartException.class, () -> EmbeddedKafka.start(0, dir));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertTrue(first.port() > 0);
        }
    }

    @Test
    void aPortInUseIsRefusedInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BackendStartException e = assertThrows(BackendStartException.class,
                    () -> EmbeddedKafka.start(taken.getLocalPort(), null));
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("--kafka-port"));
        }
    }

    @Test
    void aDataFolderThatIsAFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        BackendStartException e = assertThrows(BackendStartException.class, () -> EmbeddedKafka.start(0, file));
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    }

    static void createTopic(EmbeddedKafka kafka, String name, int partitions) throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafka kafka, String txId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> readCommitted(EmbeddedKafka kafka, String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            // one more poll: anything beyond what was expected (an aborted record) would show here
            consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
            return values;
        }
    }
}
