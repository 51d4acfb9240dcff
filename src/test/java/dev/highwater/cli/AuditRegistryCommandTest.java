package dev.highwater.cli;

import dev.highwater.bench.FramedLedgerEvents;
import dev.highwater.core.ledger.LedgerEvent;
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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `highwater audit --schema-registry` against a real broker and a real registry: a ledger topic written while its
 * schema evolved (three Protobuf versions, one with its event type by reference to another subject, and Avro) gives
 * the exact balances; an id the registry does not know is a listed problem; a registry that asks for credentials
 * is given them through Confluent's client properties; and a registry that stops answering stops the audit with
 * one sentence instead of giving balances without the records it could not read.
 */
class AuditRegistryCommandTest {

    private static final String TYPES = """
            syntax = "proto3";
            package ledger;
            enum EventType {
              EVENT_TYPE_UNSPECIFIED = 0;
              ACCOUNT_CREDITED = 1;
              ACCOUNT_DEBITED = 2;
            }
            """;

    /** Version 1's layout, its event type imported from the subject above. */
    private static final String BY_REFERENCE = """
            syntax = "proto3";
            package ledger;
            import "ledger/types.proto";
            message LedgerEvent {
              string event_id = 1;
              string account_id = 2;
              ledger.EventType event_type = 3;
              string amount = 4;
              string reference = 5;
              int64 timestamp = 6;
            }
            """;

    private static EmbeddedKafka kafka;
    private static final Map<String, BigDecimal> expected = new TreeMap<>();
    private static int unknownOffset;
    private static int firstId;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // events of 2024: a ledger topic keeps them (the default retention would delete them within minutes)
            Map<String, String> keep = Map.of("retention.ms", "-1");
            admin.createTopics(List.of(new NewTopic("framed-ledger", 2, (short) 1).configs(keep),
                    new NewTopic("guarded-ledger", 2, (short) 1).configs(keep))).all().get();
        }
        fill("framed-ledger", TestRegistries.open());
        fill("guarded-ledger", TestRegistries.withBasicAuth());
    }

    /** The topic as a producer writes it while the schema evolves; the expected balances are the same each time. */
    private static void fill(String topic, SchemaRegistryServer r) throws Exception {
        String prefix = TestRegistries.prefix("audit");
        String subject = prefix + "ledger-value";
        int v1 = r.register(subject, "PROTOBUF", FramedLedgerEvents.PROTO_V1, List.of());
        int v2 = r.register(subject, "PROTOBUF", FramedLedgerEvents.PROTO_V2, List.of());
        int v3 = r.register(subject, "PROTOBUF", FramedLedgerEvents.PROTO_V3, List.of());
        r.register(prefix + "types", "PROTOBUF", TYPES, List.of());
        int ref = r.register(prefix + "ledger-ref-value", "PROTOBUF", BY_REFERENCE,
                List.of(new SchemaReference("ledger/types.proto", prefix + "types", 1)));
        int avro = r.register(prefix + "ledger-avro-value", "AVRO", FramedLedgerEvents.AVRO, List.of());
        int[] ids = {v1, v2, v3, ref, avro};
        if (topic.equals("framed-ledger")) {
            firstId = v1;
        }
        expected.clear();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 500; i++) {
                String account = "acct-" + (i % 5);
                boolean credit = i % 4 != 1;
                BigDecimal amount = BigDecimal.valueOf(1 + i * 7919L % 100_000, 2);
                LedgerEvent e = new LedgerEvent("ev-" + i, account,
                        credit ? LedgerEvent.Type.ACCOUNT_CREDITED : LedgerEvent.Type.ACCOUNT_DEBITED, amount, "tx " + i,
                        1_710_492_000_000L + i);
                expected.merge(account, credit ? amount : amount.negate(), BigDecimal::add);
                int kind = i * 5 / 500; // v1, then v2, v3, by reference and Avro: the schema evolved as the topic grew
                byte[] value = kind == 4 ? FramedLedgerEvents.avro(ids[4], e)
                        : FramedLedgerEvents.protobuf(ids[kind], kind == 3 ? 1 : kind + 1, e);
                p.send(new ProducerRecord<>(topic, 0, e.timestamp(), account.getBytes(StandardCharsets.UTF_8),
                        value));
            }
            LedgerEvent lost = new LedgerEvent("ev-unknown", "acct-0", LedgerEvent.Type.ACCOUNT_CREDITED,
                    new BigDecimal("1000000.00"), "r", 1_710_492_000_000L + 600);
            unknownOffset = (int) p.send(new ProducerRecord<>(topic, 0, lost.timestamp(), null,
                    FramedLedgerEvents.protobuf(987_654, 1, lost))).get().offset();
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static void assertExactBalances(CommandRun r) {
        assertEquals(0, r.exit(), r.err());
        for (Map.Entry<String, BigDecimal> a : expected.entrySet()) {
            assertTrue(r.out().contains("\"" + a.getKey() + "\":\"" + a.getValue().toPlainString() + "\""),
                    a.getKey() + " " + a.getValue().toPlainString() + " in " + r.out());
        }
        assertTrue(r.out().contains("\"events\":500,"), r.out());
        assertTrue(r.out().contains("{\"partition\":0,\"offset\":" + unknownOffset + ",\"reason\":\"the schema registry at "),
                r.out());
        assertTrue(r.out().contains("does not know schema id 987654"), r.out());
    }

    @Test
    void everyVersionIsReadWithItsOwnSchemaAndTheBalancesAreExact() {
        assertExactBalances(CommandRun.of("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "framed-ledger",
                "--at", "now", "--format", "json", "--schema-registry", TestRegistries.open().url()));
    }

    @Test
    void withoutTheRegistryTheAuditSaysWhatIsMissingInsteadOfGivingBalancesWithoutTheFramedRecords() {
        CommandRun r = CommandRun.of("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "framed-ledger",
                "--at", "now", "--format", "json");
        assertEquals(1, r.exit(), r.out());
        assertEquals("", r.out());
        assertEquals("highwater: the topic holds records framed for a schema registry (schema id " + firstId
                + ") and no registry is given, so they cannot be counted: give the schema registry (--schema-registry,"
                + " or the connection profile's)", r.err().strip());
    }

    @Test
    void aRegistryThatAsksForCredentialsIsGivenThemFromConfluentsClientProperties() throws Exception {
        Path config = dir.resolve("registry.properties");
        Path secret = dir.resolve("user-info");
        Files.writeString(secret, TestRegistries.USER + ":" + TestRegistries.PASSWORD + "\n");
        Files.writeString(config, "basic.auth.credentials.source=USER_INFO\n"
                + "basic.auth.user.info=${file:" + secret.toString().replace("\\", "/") + "}\n");
        String url = TestRegistries.withBasicAuth().url();
        assertExactBalances(CommandRun.of("audit", "--bootstrap", kafka.bootstrapServers(), "--topic",
                "guarded-ledger", "--at", "now", "--format", "json", "--schema-registry", url,
                "--registry-config", config.toString()));

        Files.writeString(config, "basic.auth.credentials.source=USER_INFO\nbasic.auth.user.info=someone:wrong\n");
        CommandRun refused = CommandRun.of("audit", "--bootstrap", kafka.bootstrapServers(), "--topic",
                "guarded-ledger", "--at", "now", "--schema-registry", url, "--registry-config", config.toString());
        assertEquals(1, refused.exit(), refused.out());
        assertEquals("", refused.out(), "no balance is given when records could not be read");
        assertTrue(refused.err().startsWith("highwater: the schema registry at ") && refused.err().contains("refused"),
                refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
    }

    @Test
    void aRegistryThatStopsAnsweringStopsTheAuditInsteadOfGivingBalancesWithoutItsRecords() {
        SchemaRegistryServer own = TestRegistries.own();
        String url = own.url();
        own.close();
        CommandRun r = CommandRun.of("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "framed-ledger",
                "--at", "now", "--schema-registry", url);
        assertEquals(1, r.exit(), r.out());
        assertEquals("", r.out());
        assertTrue(r.err().contains("did not answer") && r.err().contains("the replay stops"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
