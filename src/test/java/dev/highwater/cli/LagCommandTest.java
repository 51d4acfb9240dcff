package dev.highwater.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.highwater.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `highwater lag` against a real broker: the three formats, the first answer from one read, --rates, --all-groups,
 * --topic, --list, a missing group, a dead address, usage errors.
 */
class LagCommandTest {

    private static EmbeddedKafka kafka;
    /** A member of the group "live", caught up on refunds, so that one group is Stable with a member. */
    private static KafkaConsumer<String, String> member;

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
            admin.createTopics(List.of(new NewTopic("refunds", 1, (short) 1))).all().get();
            for (int i = 0; i < 3; i++) {
                p.send(new ProducerRecord<>("refunds", "k" + i, "v" + i)).get();
            }
        }
        member = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "live", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        member.subscribe(List.of("refunds"));
        int read = 0;
        for (int polls = 0; read < 3 && polls < 300; polls++) {
            read += member.poll(Duration.ofMillis(100)).count();
        }
        assertEquals(3, read, "the member reads refunds");
        member.commitSync();
    }

    @AfterAll
    static void stop() {
        member.close();
        kafka.close();
    }

    private static JsonObject json(String line) {
        return JsonParser.parseString(line).getAsJsonObject();
    }

    private static JsonObject partition(JsonObject group, int index) {
        return group.getAsJsonArray("partitions").get(index).getAsJsonObject();
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void jsonHasTheContractShapeWithNullForAPartitionNeverCommitted() {
        CommandRun r = run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "billing", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        String line = r.out().strip();
        assertTrue(line.startsWith("{\"group\":\"billing\",\"totalLag\":20,\"partitions\":["), line);
        assertTrue(line.contains("{\"topic\":\"payments\",\"partition\":0,\"committed\":5,\"end\":25,\"lag\":20,"), line);
        assertTrue(line.contains("{\"topic\":\"payments\",\"partition\":1,\"committed\":null,\"end\":25,\"lag\":null,"
                + "\"lagSeconds\":null"), "never committed: shown as such, never a negative or made-up lag: " + line);
    }

    @Test
    void theFirstAnswerComesFromOneReadWithLagInSecondsAndNoRatesOrTrend() {
        CommandRun r = run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "billing", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().lines().count(), "one read, one answer: " + r.out());
        JsonObject billing = json(r.out().strip());
        JsonObject p0 = partition(billing, 0);
        assertEquals(20, p0.get("lag").getAsLong());
        assertTrue(p0.get("lagSeconds").getAsDouble() >= 0, "the age of the record at the committed offset: " + p0);
        for (String unknown : List.of("produceRate", "consumeRate", "secondsToDrain", "status")) {
            assertTrue(p0.get(unknown).isJsonNull(), unknown + " needs a second read: " + p0);
        }
        assertTrue(billing.get("status").isJsonNull(), "a lagging group's trend is not known from one read: " + billing);
        assertEquals("Empty", billing.get("state").getAsString());

        JsonObject live = json(run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "live", "--format",
                "json").out().strip());
        assertEquals("OK", live.get("status").getAsString(), "one read tells a group caught up: " + live);
        assertEquals(0.0, partition(live, 0).get("lagSeconds").getAsDouble());
    }

    @Test
    void ratesReadSeveralTimesBeforeTheAnswer() {
        CommandRun r = run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "billing", "--format", "json",
                "--rates", "--interval", "0.2");
        assertEquals(0, r.exit(), r.err());
        JsonObject p0 = partition(json(r.out().strip()), 0);
        assertEquals(0.0, p0.get("produceRate").getAsDouble(), p0::toString);
        assertEquals(0.0, p0.get("consumeRate").getAsDouble(), p0::toString);
        assertEquals("OK", p0.get("status").getAsString(), "judged over the reads: " + p0);
    }

    @Test
    void allGroupsFindsEveryGroupAndTopicKeepsOnlyThatTopic() {
        List<JsonObject> all = run("lag", "--bootstrap", kafka.bootstrapServers(), "--all-groups", "--format", "json")
                .out().lines().map(LagCommandTest::json).toList();
        assertEquals(List.of("billing", "live"), all.stream().map(g -> g.get("group").getAsString()).toList());

        CommandRun refunds = run("lag", "--bootstrap", kafka.bootstrapServers(), "--all-groups", "--topic", "refunds",
                "--format", "csv");
        assertEquals(0, refunds.exit(), refunds.err());
        List<String> rows = refunds.out().lines().skip(1).toList();
        assertEquals(1, rows.size(), refunds.out());
        assertTrue(rows.getFirst().contains(",live,refunds,0,3,3,0,0.000,"), rows.getFirst());
    }

    @Test
    void aTopicNoGroupReadsIsSaid() {
        CommandRun none = run("lag", "--bootstrap", kafka.bootstrapServers(), "--all-groups", "--topic", "nope");
        assertEquals(1, none.exit(), none.out());
        assertEquals("highwater: no consumer group reads topic 'nope' on " + kafka.bootstrapServers(),
                none.err().strip());

        CommandRun some = run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "billing", "--topic",
                "payments", "--topic", "refunds", "--format", "csv");
        assertEquals(0, some.exit(), some.err());
        assertEquals("highwater: none of the groups asked for reads topic 'refunds'", some.err().strip());
        assertEquals(3, some.out().lines().count(), "the header and payments' two partitions: " + some.out());
    }

    @Test
    void listShowsEveryGroupWithItsStateAndMembers() {
        CommandRun csv = run("lag", "--bootstrap", kafka.bootstrapServers(), "--list", "--format", "csv");
        assertEquals(0, csv.exit(), csv.err());
        assertEquals(List.of("group,state,members", "billing,Empty,0", "live,Stable,1"), csv.out().lines().toList());
        CommandRun table = run("lag", "--bootstrap", kafka.bootstrapServers(), "--list");
        assertTrue(table.out().lines().anyMatch(l -> l.matches("live\\s+Stable\\s+1")), table.out());
    }

    @Test
    void tableAndCsvShowTheSameNumbers() {
        CommandRun table = run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "billing");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("group billing  Empty"), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("payments-1") && l.contains("no commit")), table.out());
        CommandRun csv = run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "billing", "--format", "csv");
        List<String> lines = csv.out().lines().toList();
        assertEquals("at,group,topic,partition,committed,end,lag,lagSeconds,produceRate,consumeRate,hot,status,owner,"
                + "staleSince,staleReason", lines.getFirst());
        assertTrue(lines.get(1).contains(",billing,payments,0,5,25,20,"), lines.get(1));
        assertTrue(lines.get(2).contains(",billing,payments,1,,25,,"), lines.get(2));
    }

    @Test
    void aGroupThatDoesNotExistIsExit1WithTheKnownGroups() {
        CommandRun r = run("lag", "--bootstrap", kafka.bootstrapServers(), "--group", "no-such");
        assertEquals(1, r.exit());
        assertEquals("highwater: consumer group 'no-such' does not exist on " + kafka.bootstrapServers()
                + "; known groups: billing, live", r.err().strip());
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
    void aMissingOrConflictingSelectionIsAOneLineUsageError() {
        String b = kafka.bootstrapServers();
        assertEquals(2, run("lag", "--bootstrap", b, "--group", "g", "--format", "xml").exit());
        Map<List<String>, String> wrong = Map.of(
                List.of(), "say which groups",
                List.of("--group", "billing", "--all-groups"), "--group and --all-groups exclude each other",
                List.of("--list", "--group", "billing"), "--list lists every group",
                List.of("--list", "--topic", "payments"), "--list reads no offsets",
                List.of("--all-groups", "--watch", "--rates"), "--watch and --rates exclude each other");
        wrong.forEach((options, says) -> {
            List<String> args = new ArrayList<>(List.of("lag", "--bootstrap", b));
            args.addAll(options);
            CommandRun r = run(args.toArray(String[]::new));
            assertEquals(2, r.exit(), options + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("highwater: " + says), options + ": " + r.err());
            assertEquals("", r.out());
        });
    }
}
