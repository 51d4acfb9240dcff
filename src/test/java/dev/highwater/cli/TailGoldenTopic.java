package dev.highwater.cli;

import com.google.protobuf.ByteString;
import dev.highwater.proto.blockchain.Transaction;
import dev.highwater.proto.blockchain.TransactionBatch;
import dev.highwater.proto.ledger.EventType;
import dev.highwater.proto.ledger.LedgerEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A topic whose records cover what {@code tail} prints (Protobuf by header and by guess, ledger events in
 * Protobuf and JSON, text, binary and JSON keys, tombstones, poison pills, registry framing without a registry,
 * strings that need escaping), all with fixed timestamps, so its output can be compared byte for byte with the
 * output kept in {@code tail-golden.jsonl} and {@code tail-golden.txt}.
 */
final class TailGoldenTopic {

    static final String TOPIC = "golden";
    private static final long T0 = 1_710_492_000_123L;

    private TailGoldenTopic() {
    }

    static void fill(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            // its timestamps are years old: kept whatever the broker's retention
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of("retention.ms", "-1"))))
                    .all().get();
            List<ProducerRecord<byte[], byte[]>> records = records();
            for (ProducerRecord<byte[], byte[]> r : records) {
                p.send(r).get();
            }
        }
    }

    private static List<ProducerRecord<byte[], byte[]>> records() {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        Transaction tx = Transaction.newBuilder().setHash(ByteString.copyFrom(new byte[] {1, 2, 3, (byte) 0xfe}))
                .setBlockHeight(812_345).setSender("Zoë <ops> & \"co\" 'x'=1").setRecipient("acct-0042 😀\u2028")
                .setAmount("1234.50").setStatus(1).setTimestamp(1_710_492_000_000L).build();
        out.add(record(T0, "acct-aggregator-7", tx.toByteArray(), "content-type",
                "application/x-protobuf; messageType=blockchain.Transaction"));
        out.add(record(T0 + 1_000, null, tx.toBuilder().setStatus(2).setAmount("0.01").build().toByteArray()));
        out.add(record(T0 + 1_001, "acct-1", LedgerEvent.newBuilder().setEventId("e-1").setAccountId("acct-1")
                .setEventType(EventType.ACCOUNT_DEBITED).setAmount("-10.50").setReference("pay/1")
                .setTimestamp(-5).build().toByteArray()));
        out.add(record(T0 + 1_002, "acct-1", ("{ \"eventId\": \"e-2\", \"amount\" : \"10.50\", \"note\": \"caf\\u00e9 \\/ <b>\","
                + " \"n\": 1.50e3, \"list\": [1, 2 ,3], \"nested\": {\"a\": null, \"b\": true} }")
                .getBytes(StandardCharsets.UTF_8), "content-type", "application/json"));
        out.add(record(T0 + 1_003, "clé\tübung", "hello\tworld \"quoted\" <tag>".getBytes(StandardCharsets.UTF_8)));
        ProducerRecord<byte[], byte[]> binaryKey = new ProducerRecord<>(TOPIC, 0, T0 + 1_004,
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}, tx.toByteArray());
        out.add(binaryKey);
        out.add(record(T0 + 1_005, "bad", new byte[] {(byte) 0xff, (byte) 0xfe, 0x07}));
        out.add(record(T0 + 1_006, "gone", null));
        out.add(record(T0 + 1_007, "empty", new byte[0]));
        byte[] framed = {0, 0, 0, 0, 42, 0, 0x1a, 0x03, 'a', 'b', 'c'};
        out.add(record(T0 + 1_008, "framed", framed));
        out.add(record(T0 + 1_009, "missing-type", tx.toByteArray(), "content-type",
                "application/x-protobuf; messageType=nope.Missing"));
        out.add(record(1_710_492_010_000L, "whole-second", tx.toByteArray()));
        out.add(record(0L, "epoch", tx.toByteArray()));
        out.add(record(T0 + 2_000, "bad-utf8", new byte[] {0x1a, 0x02, (byte) 0xc3, 0x28, 0x2a, 0x04, '1', '.', '0', '0'}));
        out.add(record(T0 + 2_001, "{\"id\": 1}", "[1, \"two\", {\"three\": 3}]".getBytes(StandardCharsets.UTF_8)));
        out.add(record(T0 + 2_002, "batch", TransactionBatch.newBuilder().addTransactions(tx)
                .addTransactions(Transaction.newBuilder().setSender("s2").setBlockHeight(-1)).setTotal(2).build()
                .toByteArray(), "content-type", "application/x-protobuf; messageType=blockchain.TransactionBatch"));
        out.add(record(T0 + 2_003, "default-tx", Transaction.getDefaultInstance().toByteArray(), "content-type",
                "application/x-protobuf; messageType=blockchain.Transaction"));
        return out;
    }

    private static ProducerRecord<byte[], byte[]> record(long timestamp, String key, byte[] value, String... header) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i + 1 < header.length; i += 2) {
            headers.add(header[i], header[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(TOPIC, 0, timestamp, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value, headers);
    }
}
