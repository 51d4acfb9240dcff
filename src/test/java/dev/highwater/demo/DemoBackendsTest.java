package dev.highwater.demo;

import dev.highwater.core.demo.DemoStatus;
import dev.highwater.core.demo.DemoOptions;
import dev.highwater.core.demo.DemoTrafficGenerator;
import dev.highwater.core.ledger.LedgerEvent;
import dev.highwater.core.ledger.LedgerEventCodec;
import dev.highwater.grpc.IndexerClient;
import dev.highwater.kafka.DemoTopics;
import dev.highwater.proto.blockchain.Transaction;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded demo end to end: real broker, real gRPC indexer, real traffic and consumer groups. */
class DemoBackendsTest {

    private static final int RATE = 1_200;
    private static DemoBackends demo;
    private static Admin admin;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoBackends.start(new DemoOptions(0, 0, null, RATE, 0.4));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, demo.kafkaBootstrap()));
        // until several seconds' traffic went through and the hot partition fell behind, however long that takes
        // on this machine; the tests then look at what the demo did, not at how fast
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!enoughTraffic()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the demo did not build up traffic and lag: " + demo.status() + ", lag "
                        + lag(DemoBackends.PROCESSOR_GROUP, DemoTopics.TRANSACTIONS));
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static boolean enoughTraffic() throws Exception {
        DemoStatus status = demo.status();
        if (status.ingested() < 6L * RATE || status.blockHeight() < 3) {
            return false;
        }
        Map<Integer, Long> lag = lag(DemoBackends.PROCESSOR_GROUP, DemoTopics.TRANSACTIONS);
        long hotLag = lag.getOrDefault(hotPartition(), 0L);
        long maxOther = lag.entrySet().stream().filter(e -> e.getKey() != hotPartition())
                .mapToLong(Map.Entry::getValue).max().orElse(0);
        return hotLag > 1_000 && hotLag > 5 * Math.max(maxOther, 1);
    }

    private static int hotPartition() {
        return Utils.toPositive(Utils.murmur2(DemoTrafficGenerator.HOT_SENDER.getBytes(StandardCharsets.UTF_8)))
                % DemoTopics.PARTITIONS;
    }

    @AfterAll
    static void stopDemo() {
        if (admin != null) {
            admin.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void statusShowsBothBackendsUpAndTrafficIngested() {
        DemoStatus status = demo.status();
        assertTrue(status.brokerUp() && status.grpcUp(), status.toString());
        assertTrue(status.ingested() > RATE, "several seconds of traffic were ingested: " + status);
        assertEquals(0, status.failed(), status.toString());
        assertTrue(status.blockHeight() >= 3, "blocks are cut about once a second: " + status);
    }

    @Test
    void theTopicsHaveTwelvePartitionsAndTheLedgerNeverExpires() throws Exception {
        var topics = admin.describeTopics(List.of(DemoTopics.TRANSACTIONS, DemoTopics.PAYMENT_LEDGER))
                .allTopicNames().get();
        assertEquals(12, topics.get(DemoTopics.TRANSACTIONS).partitions().size());
        assertEquals(12, topics.get(DemoTopics.PAYMENT_LEDGER).partitions().size());
        var ledger = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, DemoTopics.PAYMENT_LEDGER);
        assertEquals("-1", admin.describeConfigs(List.of(ledger)).all().get().get(ledger).get("retention.ms").value());
    }

    @Test
    void theHotSenderTakesItsShareOfTransactions() {
        List<ConsumerRecord<byte[], byte[]>> records = readAll(DemoTopics.TRANSACTIONS);
        Map<String, Long> bySender = records.stream().collect(Collectors.groupingBy(
                r -> new String(r.key(), StandardCharsets.UTF_8), Collectors.counting()));
        double hotShare = bySender.getOrDefault(DemoTrafficGenerator.HOT_SENDER, 0L) / (double) records.size();
        assertTrue(hotShare > 0.34 && hotShare < 0.46, "hot sender share " + hotShare + " of " + records.size());
        long maxOther = bySender.entrySet().stream().filter(e -> !e.getKey().equals(DemoTrafficGenerator.HOT_SENDER))
                .mapToLong(Map.Entry::getValue).max().orElse(0);
        assertTrue(maxOther * 20 < bySender.get(DemoTrafficGenerator.HOT_SENDER), "no other sender comes close");
    }

    @Test
    void theHotPartitionFallsBehindWhileTheOthersKeepUp() throws Exception {
        Map<Integer, Long> lag = lag(DemoBackends.PROCESSOR_GROUP, DemoTopics.TRANSACTIONS);
        int hot = hotPartition();
        long hotLag = lag.get(hot);
        long maxOther = lag.entrySet().stream().filter(e -> e.getKey() != hot).mapToLong(Map.Entry::getValue).max()
                .orElseThrow();
        assertTrue(hotLag > 1_000, "the hot partition " + hot + " lags: " + lag);
        assertTrue(hotLag > 5 * Math.max(maxOther, 1), "far behind every other partition: " + lag);
        assertTrue(admin.describeConsumerGroups(List.of(DemoBackends.PROCESSOR_GROUP)).all().get()
                .get(DemoBackends.PROCESSOR_GROUP).members().size() == DemoBackends.PROCESSOR_MEMBERS);
    }

    @Test
    void theLedgerProjectionKeepsUp() throws Exception {
        Map<Integer, Long> lag = lag(DemoBackends.PROJECTION_GROUP, DemoTopics.PAYMENT_LEDGER);
        long total = lag.values().stream().mapToLong(Long::longValue).sum();
        // about two ledger events per payment, committed once a second: under two seconds of traffic behind
        assertTrue(total < RATE * 4L, "ledger-projection keeps up: " + lag);
    }

    @Test
    void theLedgerHasBothShapesADebitAndACreditPerConfirmedPaymentAndOpeningBalances() {
        List<ConsumerRecord<byte[], byte[]>> records = readAll(DemoTopics.PAYMENT_LEDGER);
        long json = records.stream().filter(r -> r.value().length > 0 && r.value()[0] == '{').count();
        long protobuf = records.size() - json;
        assertTrue(json > 100 && protobuf > 100, "both shapes appear: json " + json + ", protobuf " + protobuf);
        String all = records.stream().filter(r -> r.value()[0] == '{')
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).limit(50).collect(Collectors.joining("\n"));
        assertTrue(all.contains("\"eventType\":\"ACCOUNT_DEBITED\"") && all.contains("\"eventType\":\"ACCOUNT_CREDITED\""), all);
        long opening = records.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("opening balance")).count();
        assertEquals(1_001, opening, "every demo account and the hot sender are opened once");
    }

    @Test
    void noAccountEverSpendsMoneyItDoesNotHave() {
        // an account's events are keyed by it, so they sit in one partition in the order they happened
        Map<String, BigDecimal> balance = new HashMap<>();
        Map<String, BigDecimal> lowest = new HashMap<>();
        long payments = 0;
        for (ConsumerRecord<byte[], byte[]> r : readAll(DemoTopics.PAYMENT_LEDGER)) {
            if (LedgerEventCodec.decode(r.value()) instanceof LedgerEventCodec.Decoded.Event(LedgerEvent e)) {
                BigDecimal now = balance.merge(e.accountId(), e.signedAmount(), BigDecimal::add);
                lowest.merge(e.accountId(), now, BigDecimal::min);
                payments += e.type() == LedgerEvent.Type.ACCOUNT_DEBITED ? 1 : 0;
            }
        }
        assertTrue(payments > RATE, "several seconds of payments reached the ledger: " + payments);
        Map<String, BigDecimal> negative = lowest.entrySet().stream().filter(e -> e.getValue().signum() < 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), negative, "the lowest balance of each account that went below zero");
        assertTrue(balance.get(DemoTrafficGenerator.HOT_SENDER).compareTo(BigDecimal.ZERO) > 0);
    }

    @Test
    void aTransactionReadFromKafkaIsAnsweredByGetTransaction() throws Exception {
        ConsumerRecord<byte[], byte[]> record = readAll(DemoTopics.TRANSACTIONS).getFirst();
        Transaction fromKafka = Transaction.parseFrom(record.value());
        ManagedChannel channel = NettyChannelBuilder.forTarget(demo.grpcTarget()).usePlaintext().build();
        try {
            Transaction fromIndexer = new IndexerClient(channel).getTransaction(fromKafka.getHash().toByteArray(),
                    Duration.ofSeconds(5));
            assertEquals(fromKafka, fromIndexer);
            assertTrue(fromKafka.getBlockHeight() >= 0);
        } finally {
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void closingStopsBothBackends() {
        DemoBackends second = DemoBackends.start(new DemoOptions(0, 0, null, 100, 0.4));
        second.close();
        DemoStatus after = second.status();
        assertFalse(after.brokerUp() || after.grpcUp(), after.toString());
    }

    private static Map<Integer, Long> lag(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, DemoTopics.PARTITIONS).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        Map<Integer, Long> lag = new HashMap<>();
        ends.forEach((tp, end) -> {
            OffsetAndMetadata c = committed.get(tp);
            lag.put(tp.partition(), end.offset() - (c == null ? 0 : c.offset()));
        });
        return lag;
    }

    /** Every committed record of the topic up to its end as of now. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, demo.kafkaBootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, DemoTopics.PARTITIONS)
                    .mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }
}
