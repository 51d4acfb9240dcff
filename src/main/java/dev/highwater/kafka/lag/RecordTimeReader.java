package dev.highwater.kafka.lag;

import dev.highwater.core.lag.OffsetsSnapshot.RecordTime;
import dev.highwater.core.connect.ClientSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
    /** Partitions sought per budget of waiting for the first answer. */
    static final int PARTITIONS_PER_BUDGET = 10_000;
    /** However well a read goes, it ends after this many budgets. */
    static final int LONGEST_IN_BUDGETS = 10;

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
        read(pending, startAndEnd, answers, budget);
        return answers;
    }

    private void read(Map<TopicPartition, NavigableSet<Long>> pending, Map<TopicPartition, long[]> startAndEnd,
                      Map<TopicPartition, Map<Long, RecordTime>> answers, Duration budget) {
        // partitions of deleted topics leave the assignment; new ones join it
        boolean changed = assigned.retainAll(startAndEnd.keySet()) | assigned.addAll(pending.keySet());
        if (changed) {
            consumer.assign(new ArrayList<>(assigned));
        }
        consumer.pause(assigned);
        consumer.resume(pending.keySet());
        pending.forEach((tp, offsets) -> consumer.seek(tp, readOffset(offsets.first(), startAndEnd.get(tp))));
        // the budget is for a read that stops moving (a broker gone): while answers come in, reading goes on;
        // before the first, the brokers have a while longer for each partition sought (a cold read of thousands)
        long stall = budget.toNanos();
        long start = System.nanoTime();
        long deadline = start + 2 * stall + stall * pending.size() / PARTITIONS_PER_BUDGET;
        long latest = start + stall * LONGEST_IN_BUDGETS;
        Sweep sweep = new Sweep();
        while (!pending.isEmpty() && System.nanoTime() < Math.min(deadline, latest)) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(Duration.ofMillis(20));
            } catch (OffsetOutOfRangeException e) {
                // one partition the broker will not read at that offset (its log moved meanwhile) costs its own
                // time, asked again from the next refresh on, not the whole refresh
                e.offsetOutOfRangePartitions().keySet().forEach(pending::remove);
                consumer.pause(e.offsetOutOfRangePartitions().keySet());
                continue;
            }
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
            if (!records.isEmpty()) {
                deadline = Math.max(deadline, System.nanoTime() + stall);
            }
            // the partitions that answered; after an empty poll, a few of the others in turn (a log may end in
            // markers, which return no record but move the position): asking all at once would take longer than
            // the records waiting meanwhile
            advance(pending, startAndEnd, records.isEmpty() ? sweep.next(pending.keySet()) : records.partitions());
        }
        consumer.pause(assigned);
    }

    /**
     * Drops partitions that are done or read to their end; seeks those whose next wanted offset is far ahead.
     * Only positions already known are asked: a sought partition's position is checked with its leader before
     * the first fetch, and asking for it meanwhile waits for that check, one partition after another, which on
     * thousands of partitions took longer than the whole budget.
     */
    private void advance(Map<TopicPartition, NavigableSet<Long>> pending, Map<TopicPartition, long[]> startAndEnd,
                         Collection<TopicPartition> answered) {
        List<TopicPartition> done = new ArrayList<>();
        for (TopicPartition tp : answered) {
            NavigableSet<Long> offsets = pending.get(tp);
            if (offsets == null) {
                continue;
            }
            long[] bounds = startAndEnd.get(tp);
            if (offsets.isEmpty()) {
                done.add(tp);
                continue;
            }
            long position;
            try {
                position = consumer.position(tp, Duration.ZERO);
            } catch (TimeoutException notYetChecked) {
                continue;
            }
            if (bounds != null && position >= bounds[1]) {
                done.add(tp);
                continue;
            }
            long next = readOffset(offsets.first(), bounds);
            if (next - position > READ_ON_LIMIT) {
                consumer.seek(tp, next);
            }
        }
        if (!done.isEmpty()) {
            done.forEach(pending::remove);
            consumer.pause(done);
        }
    }

    /** The pending partitions a few at a time, in turn. */
    private static final class Sweep {
        private static final int PER_EMPTY_POLL = 64;
        private List<TopicPartition> order = List.of();
        private int next;

        List<TopicPartition> next(Set<TopicPartition> pending) {
            if (next >= order.size()) {
                order = new ArrayList<>(pending);
                next = 0;
            }
            List<TopicPartition> some = order.subList(next, Math.min(order.size(), next + PER_EMPTY_POLL));
            next += some.size();
            return some;
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
