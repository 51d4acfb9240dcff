package dev.highwater.cli;

import dev.highwater.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `highwater lag` against a real broker: the three formats, a missing group, a dead address. */
class LagCommandTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                     new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic("payments", 2, (short) 1))).all().get();
            for (int i = 0; i < 50; i++) {
                p.send(new ProducerRecord<>("payments", i % 2, "k" + i, "v" + i)).get();
            }
            admin.alterConsumerGroupOffsets("billing", Map.of(new TopicPartition("payments", 0), new OffsetAndMetadata(5)))
                    .all().get();
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void jsonHasTheContractShapeWithNullForAPartitionNeverCommitted() {
        CommandRun r = run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "billing", "--format", "json",
                "--interval", "0.2");
        assertEquals(0, r.exit(), r.err());
        String line = r.out().strip();
        assertTrue(line.startsWith("{\"group\":\"billing\",\"totalLag\":20,\"partitions\":["), line);
        assertTrue(line.contains("{\"topic\":\"payments\",\"partition\":0,\"committed\":5,\"end\":25,\"lag\":20,"), line);
        assertTrue(line.contains("{\"topic\":\"payments\",\"partition\":1,\"committed\":null,\"end\":25,\"lag\":null,"
                + "\"lagSeconds\":null"), "never committed: shown as such, never a negative or made-up lag: " + line);
        assertTrue(line.contains("\"produceRate\":0,"), line);
    }

    @Test
    void tableAndCsvShowTheSameNumbers() {
        CommandRun table = run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "billing", "--interval", "0.2");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("group billing  Empty"), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("payments-1") && l.contains("no commit")), table.out());
        CommandRun csv = run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "billing", "--format", "csv",
                "--interval", "0.2");
        List<String> lines = csv.out().lines().toList();
        assertEquals("at,group,topic,partition,committed,end,lag,lagSeconds,produceRate,consumeRate,hot,status,owner,"
                + "staleSince,staleReason", lines.getFirst());
        assertTrue(lines.get(1).contains(",billing,payments,0,5,25,20,"), lines.get(1));
        assertTrue(lines.get(2).contains(",billing,payments,1,,25,,"), lines.get(2));
    }

    @Test
    void aGroupThatDoesNotExistIsExit1WithTheKnownGroups() {
        CommandRun r = run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "no-such", "--interval", "0.2");
        assertEquals(1, r.exit());
        assertEquals("highwater: consumer group 'no-such' does not exist on " + kafka.bootstrapServers()
                + "; known groups: billing", r.err().strip());
    }

    @Test
    void anAddressWhereNoBrokerAnswersIsExit1InOneLine() {
        CommandRun r = run("lag", "--bootstrap", "127.0.0.1:1", "--group", "g");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("127.0.0.1:1"), r.err());
    }

    @Test
    void aClusterThatAcceptsButNeverAnswersIsSaidWithinTheTimeTheMessageGives() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread accepting = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepted, and never a byte in reply
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            String address = "127.0.0.1:" + silent.getLocalPort();
            CommandRun r = run("lag", "--bootstrap", address, "--group", "g");
            assertEquals(1, r.exit(), r.err());
            assertEquals("highwater: Something answers at " + address + " but no Kafka reply came within 10 s: check"
                    + " the port, and the security protocol (a TLS or SASL listener needs those settings).",
                    r.err().strip());
            silent.close();
            accepting.join();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aMissingGroupOptionIsExit2() {
        assertEquals(2, run("lag", "--bootstrap", kafka.bootstrapServers()).exit());
        assertEquals(2, run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "g", "--format", "xml").exit());
    }
}
