package dev.highwater.cli;

import dev.highwater.core.ledger.LedgerEvent;
import dev.highwater.core.ledger.LedgerEventCodec;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `highwater audit` against a real broker: committed records only, redeliveries once, late events by their own
 * time, problems listed with their offsets, and every kind of bad input answered in one sentence.
 */
class AuditCommandTest {

    private static final long T0 = 1_710_492_000_000L; // 2024-03-15T08:40:00Z
    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // events of 2024: a ledger topic keeps them (the default retention would delete them within minutes)
            admin.createTopics(List.of(new NewTopic("ledger", 1, (short) 1).configs(Map.of("retention.ms", "-1")),
                    new NewTopic("junk", 2, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "audit-test"), new ByteArraySerializer(), new ByteArraySerializer())) {
            p.initTransactions();
            p.beginTransaction();
            send(p, credit("open-a", "acct-a", "1000.00", T0), false);               // offset 0
            send(p, credit("open-b", "acct-b", "500", T0), true);                   // offset 1
            send(p, debit("pay-1:d", "acct-a", "100.50", T0 + 60_000), false);       // offset 2
            send(p, credit("pay-1:c", "acct-b", "100.50", T0 + 60_000), true);       // offset 3
            send(p, debit("pay-1:d", "acct-a", "100.50", T0 + 60_000), true);        // offset 4: redelivery, as JSON
            p.commitTransaction();
            p.beginTransaction();
            send(p, debit("pay-x:d", "acct-a", "999", T0 + 30_000), false);          // aborted: never counts
            p.flush();
            p.abortTransaction();
            p.beginTransaction();
            send(p, credit("late-1", "acct-b", "0.25", T0 + 30_000), false);         // late: earlier than its neighbours
            p.send(new ProducerRecord<>("ledger", "acct-a".getBytes(), ("{\"eventType\":\"ACCOUNT_DEBITED\","
                    + "\"eventId\":\"bad\",\"accountId\":\"acct-a\",\"amount\":\"ten\",\"timestamp\":" + (T0 + 1) + "}")
                    .getBytes(StandardCharsets.UTF_8)));
            p.send(new ProducerRecord<>("ledger", "acct-a".getBytes(), ("{\"eventType\":\"ACCOUNT_FROZEN\","
                    + "\"eventId\":\"fz\",\"accountId\":\"acct-a\",\"amount\":\"1\",\"timestamp\":" + (T0 + 1) + "}")
                    .getBytes(StandardCharsets.UTF_8)));
            for (int i = 0; i < 1_500; i++) {
                p.send(new ProducerRecord<>("junk", ("not a ledger " + i).getBytes(StandardCharsets.UTF_8)));
            }
            p.commitTransaction();
        }
    }

    private static LedgerEvent credit(String id, String account, String amount, long ts) {
        return new LedgerEvent(id, account, LedgerEvent.Type.ACCOUNT_CREDITED, new BigDecimal(amount), "ref " + id, ts);
    }

    private static LedgerEvent debit(String id, String account, String amount, long ts) {
        return new LedgerEvent(id, account, LedgerEvent.Type.ACCOUNT_DEBITED, new BigDecimal(amount), "ref " + id, ts);
    }

    private static void send(KafkaProducer<byte[], byte[]> p, LedgerEvent e, boolean json) {
        p.send(new ProducerRecord<>("ledger", 0, e.timestamp(), e.accountId().getBytes(StandardCharsets.UTF_8),
                json ? LedgerEventCodec.toJson(e) : LedgerEventCodec.toProtobuf(e)));
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void jsonHasTheContractShapeAndTheExactBalances() {
        CommandRun r = run("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "ledger", "--at",
                "2024-03-15T10:00:00+01:00", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("{\"topic\":\"ledger\",\"at\":\"2024-03-15T09:00:00Z\",\"balances\":{\"acct-a\":\"899.50\","
                + "\"acct-b\":\"600.75\"},\"events\":5,\"duplicates\":1,\"undecodable\":1,\"unknownType\":1,\"conflicts\":0,"
                + "\"problems\":[{\"partition\":0,\"offset\":9,\"reason\":\"amount 'ten' is not an ASCII decimal such as"
                + " 100.50: digits, at most 30 before the point and 18 after it, no sign or exponent\"},"
                + "{\"partition\":0,\"offset\":10,\"reason\":\"unknown event type ACCOUNT_FROZEN\"}]}", r.out().strip());
    }

    @Test
    void aLateEventCountsByItsOwnTime() {
        CommandRun before = run("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "ledger", "--at",
                "2024-03-15T08:40:29.999Z", "--format", "csv", "--account", "acct-b");
        assertEquals("account,balance\nacct-b,500.00\n", before.out()); // at the scale of the account's amounts
        CommandRun after = run("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "ledger", "--at",
                "2024-03-15T08:40:30Z", "--format", "csv", "--account", "acct-b", "--account", "nobody");
        assertEquals("account,balance\nacct-b,500.25\nnobody,0\n", after.out());
        assertTrue(after.err().contains("Account nobody does not appear in any event of ledger"), after.err());
    }

    @Test
    void theTableSumsAndSaysWhenTheInstantIsBeforeTheFirstEvent() {
        CommandRun r = run("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "ledger", "--at",
                "2024-03-15T08:00:00Z");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("No event at or before 2024-03-15T08:00:00Z: every balance is zero (the first"
                + " event is at 2024-03-15T08:40:00Z)."), r.out());
        CommandRun table = run("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "ledger", "--at", "now");
        assertTrue(table.out().contains("(sum)") && table.out().contains("1500.25"), table.out());
        assertTrue(table.out().contains("not counted: partition 0 offset 9: amount 'ten' is not an ASCII decimal"),
                table.out());
    }

    @Test
    void badInputIsOneSentence() throws Exception {
        CommandRun instant = run("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "ledger", "--at", "yesterday");
        assertEquals(2, instant.exit());
        assertTrue(instant.err().contains("cannot read 'yesterday' as an instant; use 2024-03-15T09:00:00Z"),
                instant.err());
        CommandRun missing = run("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "nope", "--at", "now");
        assertEquals(1, missing.exit());
        assertEquals("highwater: topic nope does not exist on " + kafka.bootstrapServers(), missing.err().strip());
        CommandRun junk = run("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "junk", "--at", "now");
        assertEquals(1, junk.exit());
        assertTrue(junk.err().startsWith("highwater: topic junk does not look like a ledger: none of the first"),
                junk.err());
        Path corrupt = dir.resolve("snapshots.mv.db");
        Files.writeString(corrupt, "garbage ".repeat(500));
        CommandRun rebuilt = run("audit", "--bootstrap", kafka.bootstrapServers(), "--topic", "ledger", "--at", "now",
                "--snapshots", corrupt.toString(), "--format", "json");
        assertEquals(0, rebuilt.exit(), rebuilt.err());
        assertTrue(rebuilt.err().contains("could not be read") && rebuilt.err().contains("a new one was started"),
                rebuilt.err());
    }
}
