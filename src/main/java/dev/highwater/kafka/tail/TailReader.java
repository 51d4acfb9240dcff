package dev.highwater.kafka.tail;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.kafka.ClientFailure;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.tail.PartitionSpan;
import dev.highwater.core.tail.TailException;
import dev.highwater.core.tail.TailListener;
import dev.highwater.core.tail.TailReading;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailStart;
import dev.highwater.core.tail.TailStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a topic without a consumer group: it assigns partitions itself, seeks, never commits, so nobody's group
 * is disturbed. One thread reads (the caller's, or one it starts); {@link #pause()}, {@link #resume()} and
 * {@link #close()} come from any thread. When the broker stops answering it says so and keeps trying; the read
 * carries on from where it was when the broker returns.
 */
public final class TailReader implements TailReading {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CHECK = Duration.ofSeconds(3);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(10);

    private final ClientSettings settings;
    private final TailRequest request;
    private final TailListener listener;
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public TailReader(ClientSettings settings, TailRequest request, TailListener listener) {
        this.settings = settings;
        this.request = request;
        this.listener = listener;
    }

    @Override
    public synchronized void start() {
        thread = DaemonThreads.start("tail-" + request.topic(), () -> {
            try {
                run();
            } catch (TailException e) {
                listener.status(new TailStatus(TailStatus.State.FAILED, e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void run() throws InterruptedException {
        Map<String, Object> props = settings.groupLessConsumer("highwater-tail");
        props.putIfAbsent("max.poll.records", 5_000);
        // fetches of 256 KB a partition, 4 MB in all: the fetch keeps pace with the printing (measured on 12
        // partitions) and the buffers a tail holds stay a few MB, where Kafka's defaults (1 MB and 50 MB) make the
        // heap of a tail of a large topic grow by tens of MB for nothing
        props.putIfAbsent("max.partition.fetch.bytes", 262_144);
        props.putIfAbsent("fetch.max.bytes", 4 * 1024 * 1024);
        props.putIfAbsent("auto.offset.reset", "earliest");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            consumer = c;
            if (stopped) {
                return;
            }
            List<TopicPartition> parts = partitions(c);
            c.assign(parts);
            seek(c, parts);
            Map<TopicPartition, Long> stopAt = request.follow() ? null : stops(c, parts);
            if (stopAt != null) {
                listener.spans(parts.stream().map(tp -> {
                    long from = c.position(tp, METADATA_WAIT); // resolved by the seek: no call to the broker
                    return new PartitionSpan(tp.partition(), from, Math.max(from, stopAt.get(tp)));
                }).toList());
            }
            loop(c, parts, stopAt);
        } catch (WakeupException e) {
            // closed
        } catch (org.apache.kafka.common.KafkaException e) {
            if (!stopped) {
                throw new TailException(ClientFailure.definite(settings, e)
                        .orElseGet(() -> "reading " + request.topic() + " failed: " + e.getMessage()));
            }
        } finally {
            consumer = null;
        }
    }

    @Override
    public void pause() {
        paused.set(true);
    }

    @Override
    public void resume() {
        paused.set(false);
    }

    public boolean paused() {
        return paused.get();
    }

    @Override
    public void close() {
        stopped = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> parts, Map<TopicPartition, Long> stopAt)
            throws InterruptedException {
        Reading reading = new Reading(parts, stopAt);
        reading.said = say(TailStatus.State.READING, "reading " + describe(parts) + " from " + request.start()
                + (request.until() == null ? "" : " to " + request.until()), null);
        while (!stopped) {
            reading.followPause(c);
            ConsumerRecords<byte[], byte[]> polled = c.poll(POLL);
            if (!polled.isEmpty() && reading.deliver(polled)) {
                break; // the limit asked for is reached
            }
            if (stopAt != null && (request.until() == null ? reached(c, stopAt) : reachedPausing(c, stopAt))) {
                break;
            }
            reading.checkWhenQuiet(c);
        }
        listener.status(new TailStatus(TailStatus.State.FINISHED, "finished: " + reading.delivered + " records"));
    }

    /** One read's state, on the reading thread: what was delivered, when, and what the listener was last told. */
    private final class Reading {
        private final List<TopicPartition> parts;
        /** By partition number, the offset to stop before (an array lookup per record, not a map); null: none. */
        private final long[] stops;
        private long delivered;
        private long lastRecordAt = System.nanoTime();
        private long lastCheckAt = System.nanoTime();
        private boolean disconnected;
        private boolean pausedNow;
        private TailStatus.State said;

        Reading(List<TopicPartition> parts, Map<TopicPartition, Long> stopAt) {
            this.parts = parts;
            if (stopAt == null) {
                stops = null;
            } else {
                stops = new long[parts.stream().mapToInt(TopicPartition::partition).max().orElse(0) + 1];
                java.util.Arrays.fill(stops, Long.MAX_VALUE);
                for (var e : stopAt.entrySet()) {
                    stops[e.getKey().partition()] = e.getValue();
                }
            }
        }

        /** Pauses or resumes the consumer when the user's choice changed. */
        void followPause(KafkaConsumer<byte[], byte[]> c) {
            if (paused.get() == pausedNow) {
                return;
            }
            pausedNow = paused.get();
            if (pausedNow) {
                c.pause(parts);
                said = say(TailStatus.State.PAUSED, "paused; resume to read on", said);
            } else {
                c.resume(parts);
                said = say(TailStatus.State.READING, "reading", said);
            }
        }

        /** Hands the polled records over (up to the stop offsets and the limit); true when the limit is reached. */
        boolean deliver(ConsumerRecords<byte[], byte[]> polled) throws InterruptedException {
            List<RawRecord> batch = new ArrayList<>(polled.count());
            for (ConsumerRecord<byte[], byte[]> r : polled) {
                if (stops != null && r.offset() >= stops[r.partition()]) {
                    continue;
                }
                batch.add(raw(r));
                if (request.limit() > 0 && delivered + batch.size() >= request.limit()) {
                    break;
                }
            }
            delivered += batch.size();
            listener.records(batch);
            lastRecordAt = System.nanoTime();
            if (disconnected || said == TailStatus.State.CAUGHT_UP) {
                disconnected = false;
                said = say(TailStatus.State.READING, "reading", said);
            }
            return request.limit() > 0 && delivered >= request.limit();
        }

        /** When nothing came for a while, asks the broker: caught up, or not answering (said once each). */
        void checkWhenQuiet(KafkaConsumer<byte[], byte[]> c) {
            long now = System.nanoTime();
            if (pausedNow || now - lastRecordAt <= CHECK.toNanos() || now - lastCheckAt <= CHECK.toNanos()) {
                return;
            }
            lastCheckAt = now;
            try {
                Map<TopicPartition, Long> ends = c.endOffsets(parts, Duration.ofSeconds(2));
                if (disconnected) {
                    disconnected = false;
                    said = say(TailStatus.State.READING, "the broker answers again; reading on", null);
                }
                if (caughtUp(c, ends)) {
                    said = say(TailStatus.State.CAUGHT_UP, "caught up: waiting for new records", said);
                }
            } catch (TimeoutException e) {
                disconnected = true;
                said = say(TailStatus.State.DISCONNECTED, "the broker at " + settings.bootstrapServers()
                        + " does not answer; still trying, and reading on from where it stopped when it returns",
                        said);
            }
        }
    }

    private TailStatus.State say(TailStatus.State state, String message, TailStatus.State previous) {
        if (state != previous) {
            listener.status(new TailStatus(state, message));
        }
        return state;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> ends) {
        for (var e : ends.entrySet()) {
            if (c.position(e.getKey(), Duration.ofSeconds(2)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> stopAt) {
        for (var e : stopAt.entrySet()) {
            if (c.position(e.getKey(), Duration.ofSeconds(10)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * As {@link #reached}, for a window's read: a partition that reached its stop is paused, so the fetches go to
     * the partitions still short of theirs rather than to records past the window that would be dropped.
     */
    private static boolean reachedPausing(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> stopAt) {
        boolean all = true;
        Set<TopicPartition> paused = c.paused();
        List<TopicPartition> done = new ArrayList<>();
        for (var e : stopAt.entrySet()) {
            if (c.position(e.getKey(), Duration.ofSeconds(10)) < e.getValue()) {
                all = false;
            } else if (!paused.contains(e.getKey())) {
                done.add(e.getKey());
            }
        }
        if (!all && !done.isEmpty()) {
            c.pause(done);
        }
        return all;
    }

    /**
     * Where a read that ends stops in each partition: the end now or, for a window, the first offset stamped after
     * its end instant (the end now where no record is).
     */
    private Map<TopicPartition, Long> stops(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> parts) {
        Map<TopicPartition, Long> ends = endOffsets(c, parts);
        if (request.until() == null) {
            return ends;
        }
        Map<TopicPartition, Long> after = new HashMap<>();
        // offsetsForTimes finds the first offset stamped at or after a time: one millisecond past the end instant
        // is the first record after it, so records stamped at the end instant itself are in the window
        long firstOutside = request.until().toEpochMilli() + 1;
        parts.forEach(tp -> after.put(tp, firstOutside));
        Map<TopicPartition, OffsetAndTimestamp> found;
        try {
            found = c.offsetsForTimes(after, METADATA_WAIT);
        } catch (TimeoutException e) {
            throw new TailException("the cluster at " + settings.bootstrapServers() + " did not find the offsets of "
                    + request.until() + " in " + request.topic() + " within " + METADATA_WAIT.toSeconds() + " s");
        }
        Map<TopicPartition, Long> stops = new HashMap<>();
        for (TopicPartition tp : parts) {
            OffsetAndTimestamp o = found.get(tp);
            stops.put(tp, o == null ? ends.get(tp) : Math.min(o.offset(), ends.get(tp)));
        }
        return stops;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        List<PartitionInfo> infos;
        try {
            infos = c.partitionsFor(request.topic(), METADATA_WAIT);
        } catch (TimeoutException e) {
            throw new TailException("the cluster at " + settings.bootstrapServers() + " did not answer within "
                    + METADATA_WAIT.toSeconds() + " s; check the address and that the brokers are up");
        } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
            infos = List.of();
        } catch (org.apache.kafka.common.errors.InvalidTopicException e) {
            throw new TailException("'" + request.topic() + "' is not a valid topic name");
        }
        if (infos == null || infos.isEmpty()) {
            throw new TailException("topic '" + request.topic() + "' does not exist on " + settings.bootstrapServers()
                    + "; " + knownTopics(c));
        }
        List<TopicPartition> all = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        if (request.partition() == null) {
            return all;
        }
        if (request.partition() < 0 || request.partition() >= all.size()) {
            throw new TailException("partition " + request.partition() + " does not exist: " + request.topic()
                    + " has " + all.size() + " partitions (0-" + (all.size() - 1) + ")");
        }
        return List.of(new TopicPartition(request.topic(), request.partition()));
    }

    private static String knownTopics(KafkaConsumer<byte[], byte[]> c) {
        try {
            List<String> names = c.listTopics(Duration.ofSeconds(5)).keySet().stream()
                    .filter(n -> !n.startsWith("__")).sorted().toList();
            if (names.isEmpty()) {
                return "it has no topics";
            }
            return "topics: " + String.join(", ", names.stream().limit(20).toList()) + (names.size() > 20 ? ", …" : "");
        } catch (RuntimeException e) {
            return "its topics could not be listed";
        }
    }

    private void seek(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> parts) {
        TailStart start = request.start();
        switch (start.kind()) {
            case BEGINNING -> c.seekToBeginning(parts);
            case END -> c.seekToEnd(parts);
            case OFFSET -> {
                Map<TopicPartition, Long> begins = c.beginningOffsets(parts, METADATA_WAIT);
                Map<TopicPartition, Long> ends = endOffsets(c, parts);
                for (TopicPartition tp : parts) {
                    long o = Math.max(begins.get(tp), Math.min(ends.get(tp), start.offset()));
                    c.seek(tp, o);
                }
            }
            case LAST -> {
                Map<TopicPartition, Long> begins = c.beginningOffsets(parts, METADATA_WAIT);
                Map<TopicPartition, Long> ends = endOffsets(c, parts);
                for (TopicPartition tp : parts) {
                    c.seek(tp, Math.max(begins.get(tp), ends.get(tp) - start.offset()));
                }
            }
            case INSTANT -> {
                Map<TopicPartition, Long> times = new HashMap<>();
                parts.forEach(tp -> times.put(tp, start.instant().toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(times, METADATA_WAIT);
                Map<TopicPartition, Long> ends = endOffsets(c, parts);
                for (TopicPartition tp : parts) {
                    OffsetAndTimestamp o = found.get(tp);
                    c.seek(tp, o == null ? ends.get(tp) : o.offset()); // nothing at or after it: the end
                }
            }
        }
        parts.forEach(tp -> c.position(tp, METADATA_WAIT)); // resolve lazy seeks now, not in the first poll
    }

    private Map<TopicPartition, Long> endOffsets(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> parts) {
        try {
            return c.endOffsets(parts, METADATA_WAIT);
        } catch (TimeoutException e) {
            throw new TailException("the cluster at " + settings.bootstrapServers() + " did not give the end offsets of "
                    + request.topic() + " within " + METADATA_WAIT.toSeconds() + " s");
        }
    }

    private String describe(List<TopicPartition> parts) {
        return request.topic() + (parts.size() == 1 ? " partition " + parts.getFirst().partition()
                : " (" + parts.size() + " partitions)");
    }

    static RawRecord raw(ConsumerRecord<byte[], byte[]> r) {
        return new RawRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(),
                new KafkaHeaderList(r.headers()));
    }

    /** Lists the cluster's topics (internal ones left out), sorted. */
    public static List<String> topics(ClientSettings settings) {
        Map<String, Object> props = settings.groupLessConsumer("highwater-topics");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            Set<String> names = c.listTopics(METADATA_WAIT).keySet();
            return names.stream().filter(n -> !n.startsWith("__")).sorted().toList();
        } catch (TimeoutException e) {
            throw new TailException("the cluster at " + settings.bootstrapServers() + " did not list its topics within "
                    + METADATA_WAIT.toSeconds() + " s");
        } catch (org.apache.kafka.common.KafkaException e) {
            // refused credentials or certificate, a SASL/plaintext mismatch, settings no client can be made from
            throw new TailException(ClientFailure.definite(settings, e)
                    .orElseGet(() -> "listing the topics of " + settings.bootstrapServers() + " failed: "
                            + e.getMessage()));
        }
    }
}
