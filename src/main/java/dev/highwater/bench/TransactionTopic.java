package dev.highwater.bench;

import com.google.protobuf.ByteString;
import dev.highwater.proto.blockchain.Transaction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A topic filled the way the indexer fills {@code transactions}: Protobuf {@code blockchain.Transaction} values
 * with their content-type header, key = sender, 12 partitions; for the decoding benchmarks.
 */
public final class TransactionTopic {

    public static final int PARTITIONS = 12;
    private static final byte[] CONTENT_TYPE = "application/x-protobuf; messageType=blockchain.Transaction"
            .getBytes(StandardCharsets.UTF_8);

    private TransactionTopic() {
    }

    /** Creates the topic and writes {@code records} records to it; returns when all are acknowledged. */
    public static void prepare(String bootstrap, String topic, long records) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrap, "batch.size", 262_144, "linger.ms", 20,
                "acks", "1", "compression.type", "none", "buffer.memory", 128L * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            byte[] hash = new byte[32];
            RecordHeaders headers = new RecordHeaders();
            headers.add("content-type", CONTENT_TYPE);
            headers.setReadOnly();
            for (long i = 0; i < records; i++) {
                random.nextBytes(hash);
                String sender = random.nextInt(10) < 4 ? "acct-aggregator-7"
                        : String.format("acct-%04d", random.nextInt(1, 1001));
                byte[] value = Transaction.newBuilder().setHash(ByteString.copyFrom(hash)).setBlockHeight(i / 500)
                        .setSender(sender).setRecipient(String.format("acct-%04d", random.nextInt(1, 1001)))
                        .setAmount(random.nextInt(1, 500_000) / 100 + "." + String.format("%02d", random.nextInt(100)))
                        .setStatus(1).setTimestamp(System.currentTimeMillis()).build().toByteArray();
                p.send(new ProducerRecord<>(topic, null, sender.getBytes(StandardCharsets.UTF_8), value, headers));
            }
            p.flush();
        }
    }
}
