package dev.highwater.bench;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.LagMonitor;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.lag.PartitionLag;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.kafka.lag.KafkaOffsetsSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * One lag refresh of many groups over many partitions against the embedded broker: committed and log offsets
 * plus the exact time of every group's oldest unconsumed record, then the lag maths. Measured cold (nothing
 * cached) and warm (a tenth of the committed offsets moved since the last refresh, as in a live cluster).
 */
public final class LagBench {

    static final int RECORDS_PER_PARTITION = 100;
    static final int PARTITIONS_PER_TOPIC = 100;

    private LagBench() {
    }

    public static void run(BenchReport report, int groups, int partitions, int runs) throws Exception {
        report.heading("lag: " + groups + " groups x " + partitions + " partitions = " + groups * partitions
                + " group-partitions, lag in seconds included");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null);
             Admin admin = Admin.create(ClientSettings.of(kafka.bootstrapServers()).admin("bench-setup"))) {
            List<TopicPartition> tps = createAndFill(kafka, admin, partitions);
            List<String> groupIds = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                groupIds.add("bench-group-" + g);
                commit(admin, groupIds.get(g), tps, g, 0, 1);
            }
            Set<String> selected = new TreeSet<>(groupIds);
            ClientSettings client = ClientSettings.of(kafka.bootstrapServers());
            // cold: a new source each time, so no record time is cached; the first run only warms the JVM up
            double[] cold = new double[Math.max(1, runs / 2)];
            for (int r = -1; r < cold.length; r++) {
                try (KafkaOffsetsSource source = new KafkaOffsetsSource(client, Clock.systemUTC())) {
                    LagMonitor monitor = new LagMonitor(LagSettings.defaults());
                    long t0 = System.nanoTime();
                    LagRefresh refresh = monitor.update(source.read(selected));
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    check(refresh, groups, partitions);
                    if (r >= 0) {
                        cold[r] = seconds;
                    }
                }
            }
            report.add("lag", "refresh, cold (no record time cached)", cold, "s", "<= 1 s");
            try (KafkaOffsetsSource source = new KafkaOffsetsSource(client, Clock.systemUTC())) {
                LagMonitor monitor = new LagMonitor(LagSettings.defaults());
                check(monitor.update(source.read(selected)), groups, partitions);
                double[] warm = new double[runs];
                for (int r = 0; r < runs; r++) {
                    for (int g = 0; g < groups; g++) {
                        commit(admin, groupIds.get(g), tps, g, r + 1, 10); // a tenth of the offsets move
                    }
                    long t = System.nanoTime();
                    LagRefresh refresh = monitor.update(source.read(selected));
                    warm[r] = (System.nanoTime() - t) / 1e9;
                    check(refresh, groups, partitions);
                }
                report.add("lag", "refresh, steady (a tenth of offsets moved)", warm, "s", "<= 1 s");
            }
        }
    }

    private static List<TopicPartition> createAndFill(EmbeddedKafka kafka, Admin admin, int partitions)
            throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        List<TopicPartition> tps = new ArrayList<>();
        for (int left = partitions, i = 0; left > 0; i++) {
            int n = Math.min(PARTITIONS_PER_TOPIC, left);
            topics.add(new NewTopic("bench-lag-" + i, n, (short) 1));
            for (int p = 0; p < n; p++) {
                tps.add(new TopicPartition("bench-lag-" + i, p));
            }
            left -= n;
        }
        admin.createTopics(topics).all().get(120, TimeUnit.SECONDS);
        awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                // test data only: no idempotence, so a slow broker's retries cannot wedge the fill
                Map.of("bootstrap.servers", kafka.bootstrapServers(), "linger.ms", 20, "acks", "1",
                        "enable.idempotence", false, "request.timeout.ms", 120_000, "delivery.timeout.ms", 300_000),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] value = new byte[150];
            for (int r = 0; r < RECORDS_PER_PARTITION; r++) {
                for (TopicPartition tp : tps) {
                    producer.send(new ProducerRecord<>(tp.topic(), tp.partition(),
                            now - (RECORDS_PER_PARTITION - r) * 1_000L, ("k" + r).getBytes(), value));
                }
            }
            producer.flush();
        }
        return tps;
    }

    /** New partitions take a moment to get a leader; producing before that only fills the log with retries. */
    private static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            boolean ready = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            if (ready) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** Commits each group somewhere inside each partition, so every group-partition lags and needs a record time. */
    private static void commit(Admin admin, String group, List<TopicPartition> tps, int g, int round, int everyNth)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (int i = 0; i < tps.size(); i++) {
            if ((i + g) % everyNth == 0) {
                long offset = (g * 7L + i * 13L + round * 3L) % (RECORDS_PER_PARTITION - 1);
                offsets.put(tps.get(i), new OffsetAndMetadata(offset));
            }
        }
        admin.alterConsumerGroupOffsets(group, offsets).all().get(60, TimeUnit.SECONDS);
    }

    /** The refresh must be complete and sane, or its time means nothing. */
    private static void check(LagRefresh refresh, int groups, int partitions) {
        if (!refresh.connected()) {
            throw new IllegalStateException("the bench refresh failed: " + refresh.error());
        }
        long rows = 0;
        long timed = 0;
        for (GroupLag g : refresh.groups()) {
            for (PartitionLag p : g.partitions()) {
                rows++;
                if (p.lagSeconds() != null && p.lagSeconds() > 0) {
                    timed++;
                }
            }
        }
        if (rows != (long) groups * partitions || timed != rows) {
            throw new IllegalStateException("the bench refresh is incomplete: " + rows + " rows, " + timed
                    + " with lag in seconds, of " + (long) groups * partitions);
        }
    }
}
