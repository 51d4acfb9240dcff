package dev.highwater.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fills a {@link ScaleCluster} with a {@link ScaleShape}'s topics and records, once: a kept data folder that
 * already holds the same shape is used as it is (creating ten thousand topics and producing to forty thousand
 * partitions takes minutes). Committed offsets are set by {@link ScaleOffsets} at every run.
 */
final class ScaleFill {

    private static final String MARKER = "scale-shape.txt";
    private static final int TOPICS_PER_REQUEST = 500;
    private static final int SENDERS = 32;

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
        try (Admin admin = cluster.setupAdmin("bench-scale-setup")) {
            createTopics(admin, shape, report, t0);
            report.note(String.format("%,d topics created in %.1f s", shape.topics(), (System.nanoTime() - t0) / 1e9));
        }
        long t1 = System.nanoTime();
        firstMillis = produce(cluster, shape, firstMillis);
        report.note(String.format("%,d records produced in %.1f s", (long) shape.partitions()
                * shape.recordsPerPartition(), (System.nanoTime() - t1) / 1e9));
        Files.writeString(marker, described + "\n" + firstMillis + "\n", StandardCharsets.UTF_8);
        return firstMillis;
    }

    private static void createTopics(Admin admin, ScaleShape shape, BenchReport report, long t0) throws Exception {
        for (int from = 0; from < shape.topics(); from += TOPICS_PER_REQUEST) {
            List<NewTopic> topics = new ArrayList<>();
            for (int t = from; t < Math.min(shape.topics(), from + TOPICS_PER_REQUEST); t++) {
                topics.add(new NewTopic(shape.topic(t), shape.partitionsPerTopic(), (short) 1));
            }
            var results = admin.createTopics(topics).values();
            for (var e : results.entrySet()) {
                try {
                    e.getValue().get(5, TimeUnit.MINUTES);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw ex; // one left by an interrupted fill is fine
                    }
                }
            }
            awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
            if ((from / TOPICS_PER_REQUEST) % 4 == 3) {
                report.note(String.format("... %,d topics in %.0f s", from + topics.size(), (System.nanoTime() - t0) / 1e9));
            }
        }
    }

    /** New partitions take a moment to get a leader; producing before that only fills the log with retries. */
    private static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                boolean ready = admin.describeTopics(topics).allTopicNames().get(2, TimeUnit.MINUTES).values()
                        .stream().allMatch(t -> t.partitions().stream()
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e; // a topic just created may not be in the metadata the broker asked has yet
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the scale cluster's new partitions got no leader within 5 minutes");
    }

    /**
     * Each partition's records in one batch, in offset order. A partition an interrupted fill began is written on
     * from where it stopped, with the times of that fill (read back from a record it wrote); returns the time of
     * the first record of every partition.
     */
    private static long produce(ScaleCluster cluster, ScaleShape shape, long firstMillis) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int t = 0; t < shape.topics(); t++) {
            for (int p = 0; p < shape.partitionsPerTopic(); p++) {
                latest.put(new TopicPartition(shape.topic(t), p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends;
        try (Admin admin = cluster.setupAdmin("bench-scale-setup")) {
            ends = admin.listOffsets(latest).all().get(5, TimeUnit.MINUTES);
        }
        for (var e : ends.entrySet()) {
            if (e.getValue().offset() > 0) {
                firstMillis = firstMillisOf(cluster, shape, e.getKey());
                break;
            }
        }
        long first = firstMillis;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cluster.producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer());
             ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
            // a producer waits for the metadata of each topic it has not sent to yet: senders side by side wait
            // together, one metadata request answering many of them, where one would wait ten thousand times
            List<Future<List<Future<?>>>> slices = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int slice = s;
                slices.add(senders.submit(() -> sendSlice(producer, shape, ends, first, slice, cluster)));
            }
            List<Future<?>> sent = new ArrayList<>();
            for (var slice : slices) {
                sent.addAll(slice.get());
            }
            producer.flush();
            for (var f : sent) {
                f.get(); // a record that failed would leave a partition without its known times
            }
        }
        return firstMillis;
    }

    /** Sends every record not yet written of the topics {@code t} with {@code t % SENDERS == slice}. */
    private static List<Future<?>> sendSlice(KafkaProducer<byte[], byte[]> producer, ScaleShape shape,
                                             Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends,
                                             long firstMillis, int slice, ScaleCluster cluster) {
        byte[] value = new byte[100];
        List<Future<?>> sent = new ArrayList<>();
        for (int t = slice; t < shape.topics(); t += SENDERS) {
            for (int p = 0; p < shape.partitionsPerTopic(); p++) {
                long end = ends.get(new TopicPartition(shape.topic(t), p)).offset();
                if (end > shape.recordsPerPartition()) {
                    throw new IllegalStateException("partition " + p + " of " + shape.topic(t) + " holds " + end
                            + " records, more than " + shape.recordsPerPartition() + ": remove the data folder "
                            + cluster.dir() + " and run again");
                }
                for (long o = end; o < shape.recordsPerPartition(); o++) {
                    sent.add(producer.send(new ProducerRecord<>(shape.topic(t), p,
                            shape.timestamp(firstMillis, t, p, o), ("k" + o).getBytes(StandardCharsets.UTF_8), value)));
                }
            }
        }
        return sent;
    }

    /** The time the fill that wrote this partition gave its first record. */
    private static long firstMillisOf(ScaleCluster cluster, ScaleShape shape, TopicPartition tp) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                cluster.settings().groupLessConsumer("bench-scale-setup"))) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, 0);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    return r.timestamp() - shape.timestamp(0, ScaleShape.topicIndex(tp.topic()), tp.partition(), 0);
                }
            }
        }
        throw new IllegalStateException("the first record of " + tp + " could not be read within a minute");
    }
}
