package dev.highwater.bench;

import dev.highwater.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A keyed topic for the table figures, written once per run and read by every measurement of it: {@code records}
 * records over {@code keys} keys (each key written first in order, then at random), JSON values of about 100
 * bytes, one record in 50 a tombstone, stamped one millisecond apart up to now, over 12 partitions by key.
 */
final class TableFill {

    static final int PARTITIONS = 12;

    final String topic;
    final long records;
    final int keys;

    private TableFill(String topic, long records, int keys) {
        this.topic = topic;
        this.records = records;
        this.keys = keys;
    }

    static TableFill write(EmbeddedKafka kafka, String topic, long records, int keys) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1).configs(Map.of("retention.ms",
                    "-1")))).all().get(60, TimeUnit.SECONDS);
        }
        long t0 = System.currentTimeMillis() - records - 1;
        SplittableRandom random = new SplittableRandom(7);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(), "linger.ms", 20, "batch.size", 262_144,
                "buffer.memory", 128L * 1024 * 1024, "compression.type", "none", "acks", "1",
                "delivery.timeout.ms", 300_000, "request.timeout.ms", 120_000),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                int k = i < keys ? (int) i : random.nextInt(keys);
                byte[] key = String.format("customer-%07d", k).getBytes(StandardCharsets.US_ASCII);
                byte[] value = i >= keys && i % 50 == 0 ? null : value(k, i, random);
                producer.send(new ProducerRecord<>(topic, null, t0 + i, key, value));
            }
            producer.flush();
        }
        return new TableFill(topic, records, keys);
    }

    private static byte[] value(int key, long i, SplittableRandom random) {
        return ("{\"customer\":\"customer-" + key + "\",\"tier\":\"" + (random.nextBoolean() ? "gold" : "silver")
                + "\",\"balance\":\"" + random.nextInt(1_000_000) + "." + (10 + random.nextInt(90))
                + "\",\"updates\":" + i + ",\"city\":\"Lisbon\"}").getBytes(StandardCharsets.UTF_8);
    }
}
