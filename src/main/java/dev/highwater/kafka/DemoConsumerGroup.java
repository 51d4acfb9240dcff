package dev.highwater.kafka;

import dev.highwater.core.DaemonThreads;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A demo consumer group that behaves as a real service does: several members share a topic, each processes
 * records at a limited rate per partition and commits what it processed about once a second. With a per
 * partition capacity below the hot partition's produce rate, that partition falls behind while the others
 * keep up: the incident the console is built to find.
 */
public final class DemoConsumerGroup implements AutoCloseable {

    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    private final String groupId;
    private final List<Member> members = new ArrayList<>();
    private final AtomicLong processed = new AtomicLong();

    /**
     * @param recordsPerSecondPerPartition how many records one partition's worth of processing takes per
     *                                     second; 0 or less for no limit
     */
    public DemoConsumerGroup(String bootstrap, String groupId, String topic, int memberCount,
                             double recordsPerSecondPerPartition) {
        this.groupId = groupId;
        for (int i = 0; i < memberCount; i++) {
            members.add(new Member(bootstrap, groupId, topic, groupId + "-" + (i + 1), recordsPerSecondPerPartition));
        }
        members.forEach(Member::start);
    }

    public String groupId() {
        return groupId;
    }

    public long processed() {
        return processed.get();
    }

    @Override
    public void close() {
        members.forEach(Member::stop);
        members.forEach(Member::join);
    }

    private final class Member implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String topic;
        private final double capacity;
        private final Thread thread;
        private final Map<TopicPartition, Long> processedUpTo = new HashMap<>();
        private final Map<TopicPartition, Double> tokens = new HashMap<>();
        private final Set<TopicPartition> throttled = new HashSet<>();
        private volatile boolean running = true;
        private long lastRefill = System.nanoTime();
        private long lastCommit = System.nanoTime();

        Member(String bootstrap, String groupId, String topic, String clientId, double capacity) {
            this.topic = topic;
            this.capacity = capacity;
            this.consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, groupId,
                    ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.thread = DaemonThreads.unstarted("demo-group-" + clientId, this::run);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
            consumer.wakeup();
        }

        void join() {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void run() {
            try {
                consumer.subscribe(List.of(topic), this);
                while (running) {
                    refill();
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    for (TopicPartition tp : records.partitions()) {
                        process(tp, records.records(tp));
                    }
                    if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos()) {
                        commit(false);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (KafkaException e) {
                // the broker went away while the demo stops: nothing to commit to
            } finally {
                try {
                    commit(true);
                } catch (KafkaException ignored) {
                    // best effort on the way out
                }
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
            }
        }

        private void process(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> batch) {
            int allowed = batch.size();
            if (capacity > 0) {
                double available = tokens.getOrDefault(tp, capacity * 0.2);
                allowed = (int) Math.min(batch.size(), Math.floor(available));
                tokens.put(tp, available - allowed);
            }
            if (allowed > 0) {
                processedUpTo.put(tp, batch.get(allowed - 1).offset() + 1);
                processed.addAndGet(allowed);
            }
            if (allowed < batch.size()) {
                // out of capacity: come back to the first unprocessed record once tokens have refilled
                consumer.seek(tp, batch.get(allowed).offset());
                consumer.pause(List.of(tp));
                throttled.add(tp);
            }
        }

        private void refill() {
            if (capacity <= 0) {
                return;
            }
            long now = System.nanoTime();
            double seconds = (now - lastRefill) / 1e9;
            if (seconds < 0.05) {
                return;
            }
            lastRefill = now;
            tokens.replaceAll((tp, t) -> Math.min(capacity * 0.5, t + capacity * seconds));
            if (!throttled.isEmpty()) {
                consumer.resume(throttled);
                throttled.clear();
            }
        }

        private void commit(boolean sync) {
            lastCommit = System.nanoTime();
            if (processedUpTo.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            processedUpTo.forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
            processedUpTo.clear();
            if (sync) {
                consumer.commitSync(offsets, Duration.ofSeconds(2));
            } else {
                consumer.commitAsync(offsets, null);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit(true);
            partitions.forEach(tp -> {
                tokens.remove(tp);
                throttled.remove(tp);
            });
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> tokens.put(tp, capacity * 0.2));
        }
    }
}
