package dev.highwater.cli;

import dev.highwater.core.registry.SchemaReference;
import dev.highwater.demo.SchemaRegistryServer;
import dev.highwater.demo.TestRegistries;
import dev.highwater.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `highwater schemas` against a real schema registry and a real broker: subjects listed, a version shown with its
 * references, new schemas checked against the history and against the records on a topic, and failures in one line.
 */
class SchemasCommandTest {

    private static final String V1 = """
            syntax = "proto3";
            package shop;
            message Order {
              string id = 1;
              int32 quantity = 2;
              string note = 3;
            }
            """;
    private static final String V2 = V1.replace("string note = 3;", "string note = 3;\n  string channel = 4;");
    private static final String MONEY = "syntax = \"proto3\";\npackage shop;\nmessage Money { string amount = 1; }\n";
    private static final String PAYMENT = "syntax = \"proto3\";\npackage shop;\nimport \"shop/money.proto\";\n"
            + "message Payment { string id = 1; shop.Money amount = 2; }\n";
    private static final String AVRO = """
            {"type":"record","name":"Refund","namespace":"shop","fields":[{"name":"id","type":"string"}]}""";

    private static EmbeddedKafka kafka;
    private static SchemaRegistryServer registry;
    private static String p;
    private static int v1Id;

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistries.open();
        p = TestRegistries.prefix("schemasCommand");
        v1Id = registry.register(p + "orders-value", "PROTOBUF", V1, List.of());
        registry.register(p + "orders-value", "PROTOBUF", V2, List.of());
        registry.register(p + "money", "PROTOBUF", MONEY, List.of());
        registry.register(p + "payments-value", "PROTOBUF", PAYMENT,
                List.of(new SchemaReference("shop/money.proto", p + "money", 1)));
        registry.register(p + "refunds-value", "AVRO", AVRO, List.of());
        registry.compatibility(p + "refunds-value", "FULL");

        kafka = EmbeddedKafka.start(0, null);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1))).all().get();
            // orders written with v1; a quantity of 0 is not on the wire in proto3, so only the record with a
            // quantity (partition 1, offset 2) holds a value a string field cannot read
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("orders", 0, null, framed(v1Id, "a-" + i, 0))).get();
            }
            producer.send(new ProducerRecord<>("orders", 0, null, "not framed".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>("orders", 1, null, framed(v1Id, "b-0", 0))).get();
            producer.send(new ProducerRecord<>("orders", 1, null, framed(v1Id, "b-1", 0))).get();
            producer.send(new ProducerRecord<>("orders", 1, null, framed(v1Id, "b-2", 5))).get();
            producer.send(new ProducerRecord<>("orders", 1, null, framed(v1Id, "b-3", 7))).get();
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    /** A shop.Order as a registry-framed Protobuf value: magic byte, schema id, message index [0], payload. */
    private static byte[] framed(int schemaId, String id, int quantity) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0);
        b.write(schemaId >>> 24);
        b.write(schemaId >>> 16);
        b.write(schemaId >>> 8);
        b.write(schemaId);
        b.write(0);
        byte[] text = id.getBytes(StandardCharsets.UTF_8);
        b.write(0x0a);
        b.write(text.length);
        b.writeBytes(text);
        if (quantity != 0) {
            b.write(0x10);
            b.write(quantity);
        }
        return b.toByteArray();
    }

    private static CommandRun schemas(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "schemas";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--schema-registry";
        all[args.length + 2] = registry.url();
        return CommandRun.of(all);
    }

    private static Path file(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void listsTheSubjectsWithTheirLatestVersionTypeAndLevel() {
        CommandRun r = schemas("list");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.getFirst().matches("SUBJECT +LATEST +TYPE +ID +COMPATIBILITY"), lines.getFirst());
        List<String> mine = lines.stream().filter(l -> l.startsWith(p)).toList();
        assertEquals(4, mine.size(), r.out());
        assertTrue(mine.stream().anyMatch(l -> l.matches(p + "orders-value +v2 +PROTOBUF +\\d+ +BACKWARD")), r.out());
        assertTrue(mine.stream().anyMatch(l -> l.matches(p + "refunds-value +v1 +AVRO +\\d+ +FULL")), r.out());
    }

    @Test
    void getsAVersionWithItsReferencesAndTheLevel() {
        CommandRun latest = schemas("get", p + "payments-value");
        assertEquals(0, latest.exit(), latest.err());
        String out = latest.out();
        assertTrue(out.contains("version:       1 (versions 1)"), out);
        assertTrue(out.contains("type:          PROTOBUF"), out);
        assertTrue(out.contains("compatibility: BACKWARD"), out);
        assertTrue(out.contains("reference:     shop/money.proto -> " + p + "money v1"), out);
        assertTrue(out.contains("message Payment"), out);
        assertTrue(out.contains("--- referenced: shop/money.proto\n" + MONEY.stripTrailing()), out);

        CommandRun first = schemas("get", p + "orders-value", "--version", "1");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("version:       1 (versions 1, 2)"), first.out());
        assertTrue(first.out().contains("id:            " + v1Id), first.out());
        assertFalse(first.out().contains("channel"), "v1, not the latest: " + first.out());

        CommandRun unknown = schemas("get", p + "nope");
        assertEquals(1, unknown.exit(), unknown.out());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(unknown.err().startsWith("highwater: "), unknown.err());
    }

    @Test
    void aCompatibleSchemaExitsZero(@TempDir Path dir) throws IOException {
        Path added = file(dir, "order.proto", V2.replace("string channel = 4;", "string channel = 4;\n  int64 total = 5;"));
        CommandRun r = schemas("check", added.toString(), "--subject", p + "orders-value");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("order.proto against " + p + "orders-value at BACKWARD (compared with v2)"), r.out());
        assertTrue(r.out().contains("compatible with the registered versions at BACKWARD"), r.out());

        Path reserved = file(dir, "reserved.proto", V2.replace("string note = 3;", "reserved 3;\n  reserved \"note\";"));
        CommandRun removedReserved = schemas("check", reserved.toString(), "--subject", p + "orders-value");
        assertEquals(0, removedReserved.exit(), removedReserved.out() + removedReserved.err());
    }

    @Test
    void aReusedTagAChangedTypeAndAnUnreservedRemovalBreakTheRules(@TempDir Path dir) throws IOException {
        CommandRun reused = schemas("check", file(dir, "reused.proto", V2.replace("string note = 3;",
                "string comment = 3;")).toString(), "--subject", p + "orders-value");
        assertEquals(SchemasCheckCommand.BREAKS, reused.exit(), reused.out() + reused.err());
        assertTrue(reused.out().contains("BREAKS: ") && reused.out().contains("shop.Order.comment (tag 3)"), reused.out());
        assertTrue(reused.out().contains("INCOMPATIBLE: 1 finding(s) break BACKWARD"), reused.out());

        CommandRun changed = schemas("check", file(dir, "changed.proto", V2.replace("int32 quantity = 2;",
                "string quantity = 2;")).toString(), "--subject", p + "orders-value");
        assertEquals(SchemasCheckCommand.BREAKS, changed.exit(), changed.out() + changed.err());
        assertTrue(changed.out().contains("shop.Order.quantity (tag 2) changes from int32 in v2"), changed.out());

        CommandRun removed = schemas("check", file(dir, "removed.proto", V2.replace("string note = 3;", ""))
                .toString(), "--subject", p + "orders-value");
        assertEquals(SchemasCheckCommand.BREAKS, removed.exit(), removed.out() + removed.err());
        assertTrue(removed.out().contains("shop.Order.note (tag 3) of v2"), removed.out());
        assertTrue(removed.out().contains("is removed and its tag is not reserved"), removed.out());

        // Avro: a field added without a default cannot be read from the records written before it (FULL)
        CommandRun avro = schemas("check", file(dir, "refund.avsc", AVRO.replace("]}",
                ",{\"name\":\"amount\",\"type\":\"string\"}]}")).toString(), "--subject", p + "refunds-value");
        assertEquals(SchemasCheckCommand.BREAKS, avro.exit(), avro.out() + avro.err());
        assertTrue(avro.out().contains("at FULL") && avro.out().contains("INCOMPATIBLE"), avro.out());
    }

    @Test
    void theTopicCheckNamesTheFirstRecordThatWouldNotDecode(@TempDir Path dir) throws IOException {
        Path changed = file(dir, "changed.proto", V2.replace("int32 quantity = 2;", "string quantity = 2;"));
        // at NONE the registry's rules let the change through; the records on the topic do not
        CommandRun r = schemas("check", changed.toString(), "--subject", p + "orders-value", "--compatibility", "NONE",
                "--topic", "orders", "--bootstrap", kafka.bootstrapServers());
        assertEquals(SchemasCheckCommand.BREAKS, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("compatible with the registered versions at NONE"), r.out());
        assertTrue(r.out().contains("topic orders: 8 records read"), r.out());
        assertTrue(r.out().contains("7 framed with " + p + "orders-value's schemas checked, 5 decode, 2 do not"), r.out());
        assertTrue(r.out().contains("1 not framed"), r.out());
        assertTrue(r.out().contains("first record that would not decode: partition 1 offset 2 (value, written with v1 (id "
                + v1Id + "))"), r.out());

        Path added = file(dir, "added.proto", V2.replace("string channel = 4;", "string channel = 4;\n  int64 total = 5;"));
        CommandRun fine = schemas("check", added.toString(), "--subject", p + "orders-value", "--topic", "orders",
                "--bootstrap", kafka.bootstrapServers());
        assertEquals(0, fine.exit(), fine.out() + fine.err());
        assertTrue(fine.out().contains("every record checked decodes with the new schema"), fine.out());
    }

    @Test
    void failuresAndBadUsageAreOneLine(@TempDir Path dir) throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closed + "/apis/ccompat/v7";
        CommandRun unreachable = CommandRun.of("schemas", "list", "--schema-registry", nowhere);
        assertEquals(1, unreachable.exit(), unreachable.out());
        assertEquals(1, unreachable.err().lines().count(), unreachable.err());
        assertTrue(unreachable.err().startsWith("highwater: the schema registry at " + nowhere + " did not answer"),
                unreachable.err());

        Path proto = file(dir, "order.proto", V2);
        assertEquals(2, CommandRun.of("schemas", "list").exit(), "no registry named");
        assertEquals(2, CommandRun.of("schemas").exit(), "no subcommand");
        // get's own --version (a subject's version) leaves its help reachable
        CommandRun help = CommandRun.of("schemas", "get", "--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("--version=N"), help.out());
        CommandRun noBootstrap = schemas("check", proto.toString(), "--subject", p + "orders-value", "--topic", "orders");
        assertEquals(2, noBootstrap.exit(), noBootstrap.err());
        assertEquals("highwater: --topic needs --bootstrap (the topic's cluster)", noBootstrap.err().strip());

        CommandRun missingFile = schemas("check", dir.resolve("none.proto").toString(), "--subject", p + "orders-value");
        assertEquals(1, missingFile.exit());
        assertTrue(missingFile.err().startsWith("highwater: the schema file ") && missingFile.err().contains("does not exist"),
                missingFile.err());

        CommandRun wrongKind = schemas("check", file(dir, "refund.avsc", AVRO).toString(), "--subject", p + "orders-value");
        assertEquals(1, wrongKind.exit());
        assertTrue(wrongKind.err().contains("holds PROTOBUF schemas"), wrongKind.err());

        CommandRun broken = schemas("check", file(dir, "broken.proto", "syntax = \"proto3\"; message {").toString(),
                "--subject", p + "orders-value");
        assertEquals(1, broken.exit(), broken.out());
        assertEquals(1, broken.err().lines().count(), broken.err());
    }

    @Test
    void aRegistryConfigFileCarriesTheUrlAndBasicCredentials(@TempDir Path dir) throws IOException {
        SchemaRegistryServer guarded = TestRegistries.withBasicAuth();
        String q = TestRegistries.prefix("schemasCommandAuth");
        guarded.register(q + "orders-value", "PROTOBUF", V1, List.of());
        Path config = file(dir, "registry.properties", "schema.registry.url=" + guarded.url() + "\n"
                + "basic.auth.credentials.source=USER_INFO\n"
                + "basic.auth.user.info=" + TestRegistries.USER + ":" + TestRegistries.PASSWORD + "\n");
        CommandRun r = CommandRun.of("schemas", "get", q + "orders-value", "--registry-config", config.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("message Order"), r.out());

        Path wrong = file(dir, "wrong.properties", "schema.registry.url=" + guarded.url() + "\n"
                + "basic.auth.credentials.source=USER_INFO\nbasic.auth.user.info=" + TestRegistries.USER + ":nope\n");
        CommandRun refused = CommandRun.of("schemas", "list", "--registry-config", wrong.toString());
        assertEquals(1, refused.exit(), refused.out());
        assertEquals(1, refused.err().lines().count(), refused.err());
        assertTrue(refused.err().startsWith("highwater: "), refused.err());
    }
}
