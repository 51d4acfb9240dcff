package dev.highwater.core.lag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds hot keys in sampled records: per topic, which keys carry the most traffic, where they land, and which
 * ones carry so much of it that one partition cannot keep up. Memory is bounded per topic (a space-saving
 * counter); keys arrive as text (the adapter renders them as UTF-8 or hex). Thread-safe: a sampling thread
 * records while another reads reports.
 */
public final class HotKeySampler {

    public static final int DEFAULT_COUNTERS_PER_TOPIC = 1_000;
    /** Below this many sampled records of a topic, a share is noise: nothing is flagged. */
    public static final long MIN_SAMPLED_TO_FLAG = 100;

    private final double hotKeyShare;
    private final int countersPerTopic;
    private final Map<String, TopKeyCounter> topics = new TreeMap<>();

    public HotKeySampler(LagSettings settings) {
        this(settings.hotKeyShare(), DEFAULT_COUNTERS_PER_TOPIC);
    }

    public HotKeySampler(double hotKeyShare, int countersPerTopic) {
        if (countersPerTopic < 1) {
            throw new IllegalArgumentException("countersPerTopic must be at least 1: " + countersPerTopic);
        }
        this.hotKeyShare = hotKeyShare;
        this.countersPerTopic = countersPerTopic;
    }

    /** Counts one sampled record; {@code key} null for a record without a key. */
    public synchronized void record(String topic, int partition, String key) {
        topics.computeIfAbsent(topic, t -> new TopKeyCounter(countersPerTopic)).add(partition, key);
    }

    /** Starts over, e.g. when the sample should reflect only recent traffic. */
    public synchronized void clear() {
        topics.clear();
    }

    /** Every sampled topic's report, by topic name. */
    public synchronized List<HotKeyReport> reports(int topN) {
        return topics.keySet().stream().map(t -> report(t, topN)).toList();
    }

    /** The topic's {@code topN} heaviest keys; an empty report for a topic not sampled. */
    public synchronized HotKeyReport report(String topic, int topN) {
        TopKeyCounter counter = topics.get(topic);
        if (counter == null) {
            return new HotKeyReport(topic, 0, List.of(), List.of());
        }
        long sampled = counter.sampled();
        List<HotKeyReport.KeyShare> top = new ArrayList<>();
        for (TopKeyCounter.Counter c : counter.heaviest(topN)) {
            double share = (double) c.guaranteed() / sampled;
            top.add(new HotKeyReport.KeyShare(c.key, false, c.guaranteed(), share,
                    List.copyOf(c.byPartition.keySet()), isHot(share, sampled)));
        }
        if (counter.keyless() > 0) {
            top.add(new HotKeyReport.KeyShare(HotKeyReport.NO_KEY, true, counter.keyless(),
                    (double) counter.keyless() / sampled, counter.keylessPartitions(), false));
            top.sort(Comparator.comparingLong(HotKeyReport.KeyShare::count).reversed());
            top = top.subList(0, Math.min(topN, top.size()));
        }
        int partitionCount = maxPartition(counter) + 1;
        List<String> advice = top.stream().filter(HotKeyReport.KeyShare::hot)
                .map(k -> HotKeyAdvice.forKey(topic, k, partitionCount)).toList();
        return new HotKeyReport(topic, sampled, top, advice);
    }

    /**
     * The heaviest keys of one partition, with their share of that partition's sampled records; a key is marked
     * hot when it is hot for its whole topic.
     */
    public synchronized List<HotKeyReport.KeyShare> topKeys(PartitionId partition, int topN) {
        TopKeyCounter counter = topics.get(partition.topic());
        if (counter == null || counter.sampled(partition.partition()) == 0) {
            return List.of();
        }
        long inPartition = counter.sampled(partition.partition());
        List<HotKeyReport.KeyShare> top = new ArrayList<>();
        for (Map.Entry<TopKeyCounter.Counter, Long> e : counter.heaviestIn(partition.partition(), topN)) {
            double topicShare = (double) e.getKey().guaranteed() / counter.sampled();
            top.add(new HotKeyReport.KeyShare(e.getKey().key, false, e.getValue(),
                    (double) e.getValue() / inPartition, List.of(partition.partition()),
                    isHot(topicShare, counter.sampled())));
        }
        long keyless = counter.keyless(partition.partition());
        if (keyless > 0) {
            top.add(new HotKeyReport.KeyShare(HotKeyReport.NO_KEY, true, keyless, (double) keyless / inPartition,
                    List.of(partition.partition()), false));
            top.sort(Comparator.comparingLong(HotKeyReport.KeyShare::count).reversed());
        }
        return List.copyOf(top.subList(0, Math.min(topN, top.size())));
    }

    /** How many keys the topic's counter tracks now (at most the counters per topic). */
    public synchronized int trackedKeys(String topic) {
        TopKeyCounter counter = topics.get(topic);
        return counter == null ? 0 : counter.trackedKeys();
    }

    private boolean isHot(double share, long sampled) {
        return sampled >= MIN_SAMPLED_TO_FLAG && share > hotKeyShare;
    }

    private static int maxPartition(TopKeyCounter counter) {
        return counter.partitions().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
