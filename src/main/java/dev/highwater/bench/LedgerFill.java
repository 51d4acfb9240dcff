package dev.highwater.bench;

import dev.highwater.core.ledger.LedgerEvent;
import dev.highwater.core.ledger.LedgerEventCodec;
import dev.highwater.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Writes a ledger as the demo's indexer does, at bench sizes: an opening credit per account, then a debit and a
 * credit per payment, key = account, a quarter of payments as JSON, all in Kafka transactions; plus what real
 * ledgers have: about 1 % of payments late (up to ten minutes behind) and 0.5 % of events delivered twice.
 * Event times advance a millisecond per payment and end about now.
 */
final class LedgerFill {

    static final int PARTITIONS = 12;
    private static final int PER_TRANSACTION = 100_000;

    final String topic;
    final long records;
    final long firstTimestamp;
    final long lastTimestamp;

    private LedgerFill(String topic, long records, long firstTimestamp, long lastTimestamp) {
        this.topic = topic;
        this.records = records;
        this.firstTimestamp = firstTimestamp;
        this.lastTimestamp = lastTimestamp;
    }

    /** The event time that this fraction of the ledger's time span has passed. */
    long timestampAt(double fraction) {
        return firstTimestamp + (long) ((lastTimestamp - firstTimestamp) * fraction);
    }

    /** How an event is written: the ledger's own Protobuf, or JSON for about a quarter of them. */
    @FunctionalInterface
    interface Encoding {
        Encoding OWN = (e, json, fraction) -> json ? LedgerEventCodec.toJson(e) : LedgerEventCodec.toProtobuf(e);

        /**
         * @param json     true for the quarter of events a mixed ledger writes in its other shape
         * @param fraction how far into the ledger the event is (0 to 1), for encodings that change as it goes
         */
        byte[] encode(LedgerEvent e, boolean json, double fraction);
    }

    /** Writes about {@code events} events over {@code accounts} accounts. */
    static LedgerFill write(EmbeddedKafka kafka, String topic, long events, int accounts) throws Exception {
        return write(kafka, topic, events, accounts, Encoding.OWN);
    }

    /** As {@link #write(EmbeddedKafka, String, long, int)}, each event written as {@code encoding} says. */
    static LedgerFill write(EmbeddedKafka kafka, String topic, long events, int accounts, Encoding encoding)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        long payments = Math.max(0, (events - accounts) / 2);
        long t0 = System.currentTimeMillis() - payments - 1;
        SplittableRandom random = new SplittableRandom(42);
        HexFormat hex = HexFormat.of();
        byte[] hash = new byte[32];
        long written = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(), "transactional.id", "bench-ledger-" + topic,
                "linger.ms", 20, "batch.size", 262_144, "buffer.memory", 128L * 1024 * 1024,
                "compression.type", "none", "delivery.timeout.ms", 300_000, "request.timeout.ms", 120_000,
                // as the demo's publisher (KafkaTransactionSink): no second batch of a partition before the first
                "max.in.flight.requests.per.connection", 1),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int a = 0; a < accounts; a++) {
                LedgerEvent open = new LedgerEvent("opening:" + account(a), account(a),
                        LedgerEvent.Type.ACCOUNT_CREDITED, new BigDecimal("50000.00"), "opening balance", t0);
                written += send(producer, topic, open, encoding.encode(open, false, 0));
            }
            LedgerEvent previous = null;
            for (long p = 0; p < payments; p++) {
                random.nextBytes(hash);
                String id = hex.formatHex(hash);
                int from = random.nextInt(accounts);
                int to = random.nextInt(accounts);
                BigDecimal amount = BigDecimal.valueOf(1 + random.nextLong(100_000), 2);
                long ts = t0 + 1 + p;
                if (random.nextInt(100) == 0) {
                    ts -= random.nextLong(600_000); // late: written well after its own time
                }
                boolean json = (hash[0] & 3) == 0;
                LedgerEvent debit = new LedgerEvent(id + ":debit", account(from), LedgerEvent.Type.ACCOUNT_DEBITED,
                        amount, "tx " + id, ts);
                LedgerEvent credit = new LedgerEvent(id + ":credit", account(to), LedgerEvent.Type.ACCOUNT_CREDITED,
                        amount, "tx " + id, ts);
                double fraction = (double) p / payments;
                written += send(producer, topic, debit, encoding.encode(debit, json, fraction));
                written += send(producer, topic, credit, encoding.encode(credit, json, fraction));
                if (previous != null && random.nextInt(200) == 0) {
                    // a redelivery, in the other shape
                    written += send(producer, topic, previous, encoding.encode(previous, !json, fraction));
                }
                previous = credit;
                if (p % PER_TRANSACTION == PER_TRANSACTION - 1) {
                    producer.commitTransaction();
                    producer.beginTransaction();
                }
            }
            producer.commitTransaction();
        }
        return new LedgerFill(topic, written, t0, t0 + payments);
    }

    static String account(int a) {
        return String.format("acct-%07d", a);
    }

    private static int send(KafkaProducer<byte[], byte[]> producer, String topic, LedgerEvent e, byte[] value) {
        producer.send(new ProducerRecord<>(topic, null, e.timestamp(), e.accountId().getBytes(StandardCharsets.UTF_8),
                value));
        return 1;
    }
}
