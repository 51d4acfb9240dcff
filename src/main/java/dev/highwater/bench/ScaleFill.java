package dev.highwater.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fills a {@link ScaleCluster} with a {@link ScaleShape}'s topics and records, once: a kept data folder that
 * already holds the same shape is used as it is (creating ten thousand topics and producing to forty thousand
 * partitions takes minutes). Committed offsets are set by {@link ScaleOffsets} at every run.
 */
final class ScaleFill {

    private static final String MARKER = "scale-shape.txt";
    private static final int TOPICS_PER_REQUEST = 500;

    private ScaleFill() {
    }

    /**
     * The time of the first record of every partition: read from the folder's marker when it holds this shape,
     * else the topics are created and filled now and the marker written last (an interrupted fill is redone).
     */
    static long prepare(ScaleCluster cluster, ScaleShape shape, BenchReport report) throws Exception {
        Path marker = cluster.dir().resolve(MARKER);
        String described = shape.describe(cluster.brokers());
        if (Files.exists(marker)) {
            List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
            if (lines.size() == 2 && lines.get(0).equals(described)) {
                report.note("the kept cluster in " + cluster.dir() + " already holds this shape: set-up skipped");
                return Long.parseLong(lines.get(1));
            }
            throw new IllegalStateException("the data folder " + cluster.dir() + " holds another shape ("
                    + lines.getFirst() + "); remove it or choose another folder");
        }
        long t0 = System.nanoTime();
        long firstMillis = (System.currentTimeMillis() / 1000) * 1000 - shape.recordsPerPartition() * 60_000L
                - 3_600_000L;
        try (Admin admin = Admin.create(cluster.settings().admin("bench-scale-setup"))) {
            createTopics(admin, shape);
            report.note(String.format("%,d topics created in %.1f s", shape.topics(), (System.nanoTime() - t0) / 1e9));
        }
        long t1 = System.nanoTime();
        produce(cluster, shape, firstMillis);
        report.note(String.format("%,d records produced in %.1f s", (long) shape.partitions()
                * shape.recordsPerPartition(), (System.nanoTime() - t1) / 1e9));
        Files.writeString(marker, described + "\n" + firstMillis + "\n", StandardCharsets.UTF_8);
        return firstMillis;
    }

    private static void createTopics(Admin admin, ScaleShape shape) throws Exception {
        for (int from = 0; from < shape.topics(); from += TOPICS_PER_REQUEST) {
            List<NewTopic> topics = new ArrayList<>();
            for (int t = from; t < Math.min(shape.topics(), from + TOPICS_PER_REQUEST); t++) {
                topics.add(new NewTopic(shape.topic(t), shape.partitionsPerTopic(), (short) 1));
            }
            var results = admin.createTopics(topics).values();
            for (var e : results.entrySet()) {
                try {
                    e.getValue().get(5, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException ex) {
                    if (!(ex.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw ex; // one left by an interrupted fill is fine
                    }
                }
            }
            awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
        }
    }

    /** New partitions take a moment to get a leader; producing before that only fills the log with retries. */
    private static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            boolean ready = admin.describeTopics(topics).allTopicNames().get(2, TimeUnit.MINUTES).values().stream()
                    .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            if (ready) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the scale cluster's new partitions got no leader within 5 minutes");
    }

    private static void produce(ScaleCluster cluster, ScaleShape shape, long firstMillis) throws Exception {
        byte[] value = new byte[100];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cluster.producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int o = 0; o < shape.recordsPerPartition(); o++) {
                for (int t = 0; t < shape.topics(); t++) {
                    for (int p = 0; p < shape.partitionsPerTopic(); p++) {
                        sent.add(producer.send(new ProducerRecord<>(shape.topic(t), p,
                                shape.timestamp(firstMillis, t, p, o), ("k" + o).getBytes(StandardCharsets.UTF_8),
                                value)));
                    }
                }
                producer.flush(); // offset o everywhere before o + 1: the timestamps follow the offsets
            }
            for (var f : sent) {
                f.get(); // a record that failed would leave a partition without its known times
            }
        }
    }
}
