package dev.highwater.cli;

import dev.highwater.core.decode.TooDeepFilters;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.proto.blockchain.Transaction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `highwater tail` against a real broker: contract JSON, poison pills in the stream, filters, bad input. */
class TailCommandTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic("tx", 1, (short) 1), new NewTopic("keys", 1, (short) 1),
                    new NewTopic("utf8", 1, (short) 1))).all().get();
            for (int i = 0; i < 5; i++) {
                byte[] v = Transaction.newBuilder().setSender(i == 3 ? "acme" : "acct-" + i).setAmount(i * 60 + ".00")
                        .setStatus(1).setTimestamp(1_710_492_000_000L).build().toByteArray();
                p.send(new ProducerRecord<>("tx", 0, null, ("acct-" + i).getBytes(StandardCharsets.UTF_8), v)).get();
            }
            // poison pills: garbage bytes, and a record whose header promises a type its bytes are not
            p.send(new ProducerRecord<>("tx", 0, "bad".getBytes(), new byte[] {(byte) 0xff, (byte) 0xfe, 0x07})).get();
            RecordHeaders h = new RecordHeaders();
            h.add("content-type", "application/x-protobuf; messageType=blockchain.Transaction".getBytes());
            p.send(new ProducerRecord<>("tx", 0, null, "cut".getBytes(), new byte[] {0x1a, 0x09, 'a'}, h)).get();
            byte[] after = Transaction.newBuilder().setSender("after").build().toByteArray();
            p.send(new ProducerRecord<>("tx", 0, "acct-9".getBytes(), after)).get();
            // a binary key (not UTF-8) beside a text key, both with a valid value
            byte[] bin = Transaction.newBuilder().setSender("bin").setAmount("1.00").build().toByteArray();
            p.send(new ProducerRecord<>("keys", 0, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01}, bin)).get();
            p.send(new ProducerRecord<>("keys", 0, "text-key".getBytes(), bin)).get();
            // a Transaction whose sender (a proto3 string) is not valid UTF-8, then its amount
            p.send(new ProducerRecord<>("utf8", 0, "k".getBytes(),
                    new byte[] {0x1a, 0x02, (byte) 0xc3, 0x28, 0x2a, 0x04, '1', '.', '0', '0'})).get();
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void jsonPrintsOneContractObjectARecordAndPoisonPillsDoNotStopIt() {
        CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tx", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(8, lines.size(), r.out());
        assertTrue(lines.getFirst().matches("\\{\"topic\":\"tx\",\"partition\":0,\"offset\":0,\"timestamp\":"
                + "\"20[0-9-]+T[0-9:.]+Z\",\"key\":\"acct-0\",\"format\":\"protobuf\",\"type\":\"blockchain.Transaction\","
                + "\"value\":\\{\"sender\":\"acct-0\".*"), lines.getFirst());
        assertTrue(lines.get(5).contains("\"error\":") && lines.get(5).contains("\"hex\":\"fffe07\""), lines.get(5));
        assertTrue(lines.get(6).contains("\"error\":\"protobuf blockchain.Transaction (from the content-type header): "
                + "truncated"), lines.get(6));
        assertTrue(lines.get(7).contains("\"sender\":\"after\""), "the stream goes on: " + lines.get(7));
    }

    @Test
    void filtersOnDecodedFieldsLimitsAndOffsets() {
        CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tx",
                "--filter", "sender == \"acme\" && amount > 100");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("0/3 ") && r.out().contains("sender=acme"), r.out());
        assertEquals(1, r.out().lines().filter(l -> !l.contains("UNDECODABLE")).count(), r.out());

        CommandRun limited = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tx", "--offset", "2",
                "--limit", "2", "--partition", "0");
        assertEquals(2, limited.out().lines().count(), limited.out());
        assertTrue(limited.out().startsWith("0/2 "), limited.out());
    }

    @Test
    void badInputIsOneSentence(@TempDir Path dir) throws Exception {
        CommandRun missing = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "nope");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().startsWith("highwater: topic 'nope' does not exist on ") && missing.err().contains("tx"),
                missing.err());

        CommandRun type = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tx", "--type", "blockchain.Nope");
        assertEquals(1, type.exit());
        assertTrue(type.err().contains("not among the loaded types"), type.err());

        Path junk = dir.resolve("x.desc");
        Files.writeString(junk, "not a descriptor set");
        CommandRun set = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tx", "--descriptor-set",
                junk.toString());
        assertEquals(1, set.exit());
        assertTrue(set.err().contains("is not a descriptor set"), set.err());

        CommandRun filter = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tx", "--filter", "amount >");
        assertEquals(2, filter.exit(), filter.err());
    }

    @Test
    void aProtoFolderWithABrokenFileStillDecodesWithTheOthers(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.proto"), "syntax = \"proto3\";\npackage mine;\n"
                + "message Pay { bytes h = 1; int64 height = 2; string who = 3; string to = 4; string amount = 5; }\n");
        Files.writeString(dir.resolve("broken.proto"), "syntax = \"proto3\";\nmessage {\n");
        CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tx", "--proto", dir.toString(),
                "--type", "mine.Pay", "--limit", "1", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("broken.proto:2:9: expected a message name"), r.err());
        assertTrue(r.out().contains("\"type\":\"mine.Pay\"") && r.out().contains("\"who\":\"acct-0\""), r.out());
    }

    @Test
    void aFilterNestedTooDeepIsOneLineAndBadUsage() {
        for (String deep : TooDeepFilters.ALL) {
            CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tx", "--filter", deep);
            assertEquals(2, r.exit(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("highwater: filter, at character ") && r.err().contains("nested more than"),
                    r.err());
        }
    }

    @Test
    void aLimitBelowOneIsRefusedInOneLine() {
        for (String limit : List.of("0", "-5")) {
            CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tx", "--limit", limit);
            assertEquals(2, r.exit(), r.out());
            assertEquals("", r.out());
            assertEquals("highwater: --limit must be at least 1, not " + limit, r.err().strip());
        }
    }

    @Test
    void aBinaryKeyIsShownInHexAndTheValueStillDecodes() {
        CommandRun json = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "keys", "--format", "json");
        assertEquals(0, json.exit(), json.err());
        List<String> lines = json.out().lines().toList();
        assertEquals(2, lines.size(), json.out());
        assertTrue(lines.getFirst().contains("\"key\":\"fffe0001\",\"keyEncoding\":\"hex\",\"format\":\"protobuf\","
                + "\"type\":\"blockchain.Transaction\",\"value\":{\"sender\":\"bin\""), lines.getFirst());
        assertTrue(lines.get(1).contains("\"key\":\"text-key\",\"format\":\"protobuf\""), "a text key as before: "
                + lines.get(1));

        CommandRun text = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "keys");
        assertEquals(0, text.exit(), text.err());
        String first = text.out().lines().findFirst().orElse("");
        assertTrue(first.contains("  [hex] fffe0001  blockchain.Transaction  sender=bin"), first);
    }

    @Test
    void aValueWithAStringThatIsNotUtf8ComesOutWithErrorAndHex() {
        CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "utf8", "--type",
                "blockchain.Transaction", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        String line = r.out().strip();
        assertTrue(line.contains("\"error\":\"protobuf blockchain.Transaction: field sender is not valid UTF-8 text\"")
                && line.contains("\"hex\":\"1a02c3282a04312e3030\""), line);
        assertTrue(!line.contains("\"value\""), line);
    }

    @Test
    void aMissingProtoFileIsCalledAFile(@TempDir Path dir) {
        Path file = dir.resolve("gone.proto");
        CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tx", "--proto", file.toString());
        assertEquals(1, r.exit());
        assertEquals("highwater: the file " + file + " does not exist", r.err().strip());
        CommandRun folder = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", "tx", "--proto",
                dir.resolve("schemas").toString());
        assertEquals("highwater: the folder " + dir.resolve("schemas") + " does not exist", folder.err().strip());
    }
}
