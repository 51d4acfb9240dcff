package dev.highwater.kafka.ledger;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.ledger.LedgerSource;
import dev.highwater.core.ledger.LedgerReplayException;
import dev.highwater.core.ledger.LedgerTopic;
import dev.highwater.kafka.ClientFailure;
import dev.highwater.core.connect.ClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a ledger topic for replay: committed records only (read_committed, so an aborted payment never counts),
 * every partition assigned by hand, no group, never a commit. One thread fetches while the caller hands the
 * batch before to the replay (which decodes it on other threads and folds it), so fetching never waits on it.
 */
public final class KafkaLedgerSource implements LedgerSource {

    private static final int QUEUED_BATCHES = 8;
    private static final Duration POLL = Duration.ofMillis(200);
    /** A fetch that brings nothing for this long while records are due means the cluster went away. */
    private static final long STALL_MILLIS = 30_000;

    private final ClientSettings settings;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;

    public KafkaLedgerSource(ClientSettings settings) {
        this.settings = settings;
        this.admin = Admin.create(settings.admin("highwater-ledger"));
        Map<String, Object> props = settings.groupLessConsumer("highwater-ledger-reader");
        props.put("isolation.level", "read_committed");
        props.put("auto.offset.reset", "none");
        // batches large enough to keep the fold busy, small enough that a million accounts fit 512 MB of heap
        props.putIfAbsent("max.poll.records", 5_000);
        props.putIfAbsent("max.partition.fetch.bytes", 1024 * 1024);
        props.putIfAbsent("fetch.max.bytes", 8 * 1024 * 1024);
        props.putIfAbsent("receive.buffer.bytes", 1024 * 1024);
        // the reader knows where each partition ends: a broker holding a fetch for more data only adds latency
        props.putIfAbsent("fetch.max.wait.ms", 20);
        props.putIfAbsent("default.api.timeout.ms", 15_000);
        props.putIfAbsent("request.timeout.ms", 10_000);
        this.consumer = new KafkaConsumer<>(props);
    }

    @Override
    public List<String> topics() {
        try {
            return admin.listTopics().names().get(15, TimeUnit.SECONDS).stream().sorted().toList();
        } catch (ExecutionException | TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
    }

    @Override
    public LedgerTopic describe(String topic) {
        TopicDescription d;
        try {
            d = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalArgumentException("topic " + topic + " does not exist on "
                        + settings.bootstrapServers());
            }
            throw unreachable(e);
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        }
        int partitions = d.partitions().size();
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        try {
            Map<TopicPartition, Long> start = consumer.beginningOffsets(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps); // read_committed: the last stable offset
            long[] s = new long[partitions];
            long[] e = new long[partitions];
            for (int p = 0; p < partitions; p++) {
                s[p] = start.get(tps.get(p));
                e[p] = end.get(tps.get(p));
            }
            return new LedgerTopic(topic, d.topicId().toString(), s, e);
        } catch (KafkaException e) {
            throw unreachable(e);
        }
    }

    private IllegalStateException unreachable(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        var definite = ClientFailure.definite(settings, cause);
        if (definite.isPresent()) {
            return new IllegalStateException(definite.get(), e);
        }
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new IllegalStateException("the cluster at " + settings.bootstrapServers() + " does not answer ("
                + why.lines().findFirst().orElse("") + ")", e);
    }

    /**
     * Records deleted from under the read (the topic's retention, or a delete-records): the replay cannot count them,
     * and says so rather than pass for a cluster that does not answer.
     */
    private static LedgerReplayException gone(OffsetOutOfRangeException e) {
        Map.Entry<TopicPartition, Long> first = e.offsetOutOfRangePartitions().entrySet().stream()
                .min(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::partition))).orElseThrow();
        return new LedgerReplayException("the records of " + first.getKey().topic() + " partition "
                + first.getKey().partition() + " from offset " + first.getValue() + " were deleted while the replay read"
                + " them (by the topic's retention or a delete-records), so no exact balance can be given from it;"
                + " a ledger topic keeps its events (retention.ms=-1), or audit from snapshots taken before");
    }

    /** A fetched batch, the end of the read, or the fetcher's failure. */
    private record Batch(Run records, RuntimeException failure, boolean end) {
    }

    /**
     * A poll's records below their partitions' ends, laid out in arrays by the fetching thread while they are in
     * its cache, so the reading thread walks arrays instead of records made on another core a while ago (a cache
     * miss each, on the replay's busiest thread).
     */
    private static final class Run {
        final int size;
        final int[] partitions;
        final long[] offsets;
        final long[] timestamps;
        final byte[][] keys;
        final byte[][] values;
        final byte[][] contentTypes;

        Run(ConsumerRecords<byte[], byte[]> records, long[] end, boolean withContentTypes) {
            int capacity = records.count();
            partitions = new int[capacity];
            offsets = new long[capacity];
            timestamps = new long[capacity];
            keys = new byte[capacity][];
            values = new byte[capacity][];
            contentTypes = withContentTypes ? new byte[capacity][] : null;
            int n = 0;
            // partition by partition, in the order the batch holds them: a list is cheaper to walk than the
            // batch's own iterator, and the records of a partition share its end
            for (TopicPartition tp : records.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
                int partition = tp.partition();
                long stop = end[partition];
                for (int i = 0, count = list.size(); i < count; i++) {
                    ConsumerRecord<byte[], byte[]> r = list.get(i);
                    if (r.offset() < stop) {
                        partitions[n] = partition;
                        offsets[n] = r.offset();
                        timestamps[n] = r.timestamp();
                        keys[n] = r.key();
                        values[n] = r.value();
                        if (withContentTypes) {
                            contentTypes[n] = contentType(r.headers().toArray());
                        }
                        n++;
                    }
                }
            }
            size = n;
        }

        /** The last content-type header's value (named in any case, as the decoders look it up), or null. */
        private static byte[] contentType(Header[] headers) {
            for (int i = headers.length - 1; i >= 0; i--) {
                if (headers[i].key().equalsIgnoreCase("content-type")) {
                    return headers[i].value();
                }
            }
            return null;
        }
    }

    @Override
    public void read(LedgerTopic topic, long[] from, RecordSink sink) {
        read(topic, from, (partition, offset, timestamp, key, value, contentType) ->
                sink.record(partition, offset, key, value), false);
    }

    @Override
    public void readTimed(LedgerTopic topic, long[] from, TimedRecordSink sink) {
        read(topic, from, sink, true);
    }

    /** @param contentTypes whether the records' content-type headers are looked up (a ledger needs none) */
    private void read(LedgerTopic topic, long[] from, TimedRecordSink sink, boolean contentTypes) {
        long[] end = topic.endOffsets();
        List<TopicPartition> due = new ArrayList<>();
        for (int p = 0; p < end.length; p++) {
            if (from[p] < end[p]) {
                due.add(new TopicPartition(topic.name(), p));
            }
        }
        if (due.isEmpty()) {
            return;
        }
        consumer.assign(due);
        for (TopicPartition tp : due) {
            consumer.seek(tp, from[tp.partition()]);
        }
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        Fetcher fetcher = new Fetcher(due, end, queue, contentTypes);
        Thread thread = DaemonThreads.start("ledger-fetch", fetcher);
        try {
            while (true) {
                Batch b = queue.take();
                if (b.failure() != null) {
                    throw b.failure();
                }
                if (b.end()) {
                    return;
                }
                Run run = b.records();
                for (int i = 0; i < run.size; i++) {
                    sink.record(run.partitions[i], run.offsets[i], run.timestamps[i], run.keys[i], run.values[i],
                            contentTypes ? run.contentTypes[i] : null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + topic.name(), e);
        } finally {
            fetcher.stop = true;
            queue.clear();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            queue.clear();
            consumer.unsubscribe();
        }
    }

    /** Polls until every partition's position reaches its end, handing batches over. */
    private final class Fetcher implements Runnable {

        private final List<TopicPartition> due;
        private final long[] end;
        private final BlockingQueue<Batch> queue;
        private final boolean contentTypes;
        volatile boolean stop;

        Fetcher(List<TopicPartition> due, long[] end, BlockingQueue<Batch> queue, boolean contentTypes) {
            this.due = new ArrayList<>(due);
            this.end = end;
            this.queue = queue;
            this.contentTypes = contentTypes;
        }

        @Override
        public void run() {
            try {
                Map<TopicPartition, Long> open = new HashMap<>();
                due.forEach(tp -> open.put(tp, end[tp.partition()]));
                long lastProgress = System.currentTimeMillis();
                while (!stop && !open.isEmpty()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    if (!records.isEmpty()) {
                        lastProgress = System.currentTimeMillis();
                        if (!hand(new Batch(new Run(records, end, contentTypes), null, false))) {
                            return;
                        }
                    } else if (System.currentTimeMillis() - lastProgress > STALL_MILLIS) {
                        throw new IllegalStateException("the cluster at " + settings.bootstrapServers()
                                + " stopped sending records of " + due.getFirst().topic());
                    }
                    // control records (transaction markers) move positions without records: ask the consumer
                    List<TopicPartition> finished = new ArrayList<>();
                    for (Map.Entry<TopicPartition, Long> e : open.entrySet()) {
                        if (consumer.position(e.getKey()) >= e.getValue()) {
                            finished.add(e.getKey());
                        }
                    }
                    if (!finished.isEmpty()) {
                        finished.forEach(open::remove);
                        consumer.pause(finished);
                    }
                }
                hand(new Batch(null, null, true));
            } catch (OffsetOutOfRangeException e) {
                hand(new Batch(null, gone(e), false));
            } catch (RuntimeException e) {
                hand(new Batch(null, e instanceof KafkaException ? unreachable(e) : e, false));
            }
        }

        private boolean hand(Batch b) {
            try {
                while (!stop) {
                    if (queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        admin.close(Duration.ofSeconds(2));
    }
}
