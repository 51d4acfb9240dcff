package dev.highwater.kafka.lag;

import dev.highwater.core.lag.OffsetsSnapshot.RecordTime;
import dev.highwater.core.connect.ClientSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the timestamp of the record at given offsets with a group-less consumer (assign and seek; it never
 * joins or commits for a group). The record at an offset never changes, so answers are cached: a steady
 * refresh only reads the offsets that moved. One fetch answers every wanted offset it passes, so groups at
 * nearby offsets of a partition cost one read.
 */
final class RecordTimeReader implements AutoCloseable {

    /** Offsets further ahead than this are sought; nearer ones are reached by reading on. */
    private static final long READ_ON_LIMIT = 2_000;
    private static final int CACHE_ENTRIES = 500_000;

    private record At(TopicPartition tp, long offset) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Kept assigned (paused when idle): reassigning on every refresh would restart the fetch sessions. */
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<At, Long> cache = new LinkedHashMap<>(1 << 16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<At, Long> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    RecordTimeReader(ClientSettings settings) {
        Map<String, Object> props = settings.groupLessConsumer("highwater-lag-time");
        props.putIfAbsent("max.partition.fetch.bytes", 65_536);
        props.putIfAbsent("fetch.max.bytes", 64 * 1024 * 1024);
        props.putIfAbsent("max.poll.records", 100_000);
        props.putIfAbsent("isolation.level", "read_uncommitted");
        props.putIfAbsent("auto.offset.reset", "none");
        props.putIfAbsent("fetch.max.wait.ms", 20);
        props.putIfAbsent("check.crcs", false);
        // no metrics pushed to the broker: a short-lived reader would only load the telemetry classes for it
        props.putIfAbsent("enable.metrics.push", false);
        this.consumer = new KafkaConsumer<>(props);
    }

    /**
     * The time of the first record at or after each wanted offset; an offset below the log start is answered
     * with the oldest record still kept, marked estimated. Offsets with no record before the log end (only
     * transaction markers) and those not reached within the budget are left out.
     */
    Map<TopicPartition, Map<Long, RecordTime>> timesAt(Map<TopicPartition, NavigableSet<Long>> wanted,
                                                       Map<TopicPartition, long[]> startAndEnd, Duration budget) {
        Map<TopicPartition, Map<Long, RecordTime>> answers = new HashMap<>();
        Map<TopicPartition, NavigableSet<Long>> pending = new HashMap<>();
        wanted.forEach((tp, offsets) -> {
            long[] bounds = startAndEnd.get(tp);
            for (long requested : offsets) {
                boolean gone = bounds != null && requested < bounds[0];
                long read = gone ? bounds[0] : requested;
                if (bounds != null && read >= bounds[1]) {
                    continue; // nothing to read: caught up
                }
                Long cached = cache.get(new At(tp, read));
                if (cached != null) {
                    answers.computeIfAbsent(tp, k -> new HashMap<>()).put(requested, new RecordTime(requested, cached, gone));
                } else {
                    pending.computeIfAbsent(tp, k -> new TreeSet<>()).add(requested);
                }
            }
        });
        if (pending.isEmpty()) {
            return answers;
        }
        read(pending, startAndEnd, answers, System.nanoTime() + budget.toNanos());
        return answers;
    }

    private void read(Map<TopicPartition, NavigableSet<Long>> pending, Map<TopicPartition, long[]> startAndEnd,
                      Map<TopicPartition, Map<Long, RecordTime>> answers, long deadline) {
        // partitions of deleted topics leave the assignment; new ones join it
        boolean changed = assigned.retainAll(startAndEnd.keySet()) | assigned.addAll(pending.keySet());
        if (changed) {
            consumer.assign(new ArrayList<>(assigned));
        }
        consumer.pause(assigned);
        consumer.resume(pending.keySet());
        pending.forEach((tp, offsets) -> consumer.seek(tp, readOffset(offsets.first(), startAndEnd.get(tp))));
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(20));
            for (TopicPartition tp : records.partitions()) {
                NavigableSet<Long> offsets = pending.get(tp);
                if (offsets == null) {
                    continue;
                }
                long[] bounds = startAndEnd.get(tp);
                for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                    Iterator<Long> it = offsets.iterator();
                    while (it.hasNext()) {
                        long requested = it.next();
                        long read = readOffset(requested, bounds);
                        if (read > r.offset()) {
                            break;
                        }
                        cache.put(new At(tp, read), r.timestamp());
                        boolean gone = bounds != null && requested < bounds[0];
                        answers.computeIfAbsent(tp, k -> new HashMap<>())
                                .put(requested, new RecordTime(requested, r.timestamp(), gone));
                        it.remove();
                    }
                }
            }
            advance(pending, startAndEnd);
        }
        consumer.pause(assigned);
    }

    /** Drops partitions that are done or read to their end; seeks those whose next wanted offset is far ahead. */
    private void advance(Map<TopicPartition, NavigableSet<Long>> pending, Map<TopicPartition, long[]> startAndEnd) {
        List<TopicPartition> done = new ArrayList<>();
        pending.forEach((tp, offsets) -> {
            long position = consumer.position(tp);
            long[] bounds = startAndEnd.get(tp);
            if (offsets.isEmpty() || (bounds != null && position >= bounds[1])) {
                done.add(tp);
                return;
            }
            long next = readOffset(offsets.first(), bounds);
            if (next - position > READ_ON_LIMIT) {
                consumer.seek(tp, next);
            }
        });
        if (!done.isEmpty()) {
            done.forEach(pending::remove);
            consumer.pause(done);
        }
    }

    private static long readOffset(long requested, long[] bounds) {
        return bounds != null && requested < bounds[0] ? bounds[0] : requested;
    }

    /**
     * Closes without waiting for the broker: a consumer without a group has nothing to commit or leave, and
     * waiting to close its fetch session (the broker drops it on its own) only delays the end of a command.
     */
    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ZERO));
    }
}
