package dev.highwater.cli;

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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `highwater audit` on records made to mislead it, produced to a real broker: each answered exactly or refused. */
class AuditIntegrityCommandTest {

    private static final long T0 = 1_710_492_000_000L;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("crafted", 1, (short) 1).configs(Map.of("retention.ms", "-1")))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            send(p, raw("e-1", "\"acct-1\"", "\"100.00\"", T0));                 // 0: the event
            send(p, raw("e-1", "\"acct-1\"", "\"90.00\"", T0));                  // 1: the id reused, another amount
            send(p, raw("e-2", "\"acct-\\u00ff\"", "\"5.00\"", T0));             // 2: valid UTF-8 ÿ
            send(p, notUtf8Account("e-3", (byte) 0xFF, "7.00"));                 // 3: acct-\xff, not UTF-8
            send(p, notUtf8Account("e-4", (byte) 0xFE, "3.00"));                 // 4: acct-\xfe, not UTF-8
            send(p, raw("e-5", "\"acct-1\"", "\"-50.00\"", T0));                 // 5: a negative credit
            send(p, raw("e-6", "\"acct-1\"", "\"1e-50000000\"", T0));            // 6: an amount past the bounds
            p.flush();
        }
    }

    private static byte[] raw(String id, String account, String amount, long ts) {
        return ("{\"eventType\":\"ACCOUNT_CREDITED\",\"eventId\":\"" + id + "\",\"accountId\":" + account
                + ",\"amount\":" + amount + ",\"timestamp\":" + ts + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The Protobuf shape with an account id "acct-" plus one byte that is not UTF-8. */
    private static byte[] notUtf8Account(String id, byte last, String amount) {
        byte[] head = dev.highwater.proto.ledger.LedgerEvent.newBuilder().setEventId(id)
                .setEventType(dev.highwater.proto.ledger.EventType.ACCOUNT_CREDITED).setAmount(amount)
                .setTimestamp(T0).build().toByteArray();
        byte[] account = {'a', 'c', 'c', 't', '-', last};
        byte[] out = java.util.Arrays.copyOf(head, head.length + 2 + account.length);
        out[head.length] = 0x12;
        out[head.length + 1] = (byte) account.length;
        System.arraycopy(account, 0, out, head.length + 2, account.length);
        return out;
    }

    private static void send(KafkaProducer<byte[], byte[]> p, byte[] value) {
        p.send(new ProducerRecord<>("crafted", 0, null, value));
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void conflictsAndAccountsThatAreNotTextAreKeptApartAndListed() {
        CommandRun r = CommandRun.of("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "crafted", "--at",
                "2024-03-16T00:00:00Z", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("\"balances\":{\"acct-1\":\"100.00\",\"acct-\\\\xfe\":\"3.00\","
                + "\"acct-\\\\xff\":\"7.00\",\"acct-ÿ\":\"5.00\"}"), out);
        assertTrue(out.contains("\"events\":4,\"duplicates\":0,\"undecodable\":2,\"unknownType\":0,\"conflicts\":1"),
                out);
        assertTrue(out.contains("{\"partition\":0,\"offset\":1,\"reason\":\"event id e-1 is reused for a different"
                + " event (amount 90.00 here, 100.00 there) than at partition 0 offset 0; the balance uses that one"), out);
        assertTrue(out.contains("\"offset\":5,\"reason\":\"amount '-50.00' is negative"), out);
        assertTrue(r.err().contains("2 account ids are not UTF-8 text"), r.err());
        CommandRun one = CommandRun.of("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "crafted", "--at",
                "now", "--format", "csv", "--account", "acct-\\xfe");
        assertEquals("account,balance\nacct-\\xfe,3.00\n", one.out(), one.err());
    }

    @Test
    void anInstantBeyondEventTimesIsOneLineWithTheRange() {
        CommandRun r = CommandRun.of("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "crafted", "--at",
                "+999999999-12-31T23:59:59Z");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--at: +999999999-12-31T23:59:59Z is outside the instants an audit can answer,"
                + " -292275055-05-16T16:47:04.192Z to +292278994-08-17T07:12:55.807Z"), r.err());
    }
}
