package dev.highwater.bench;

import org.apache.kafka.common.TopicPartition;

import java.util.Locale;

/**
 * The shape of the {@code bench scale} cluster: each group reads topics of its own ({@code topicsPerGroup} of
 * them, every partition), and every group-partition lags with a known record at its committed offset: partition
 * {@code i} (numbered across topics) has {@code recordsPerPartition} records, the record at offset {@code o}
 * stamped {@code firstMillis + o} minutes {@code + i % 1000} ms, so that no two neighbours share a time and a
 * mixed-up answer shows.
 */
public record ScaleShape(int groups, int topics, int partitionsPerTopic, int topicsPerGroup,
                         int recordsPerPartition) {

    /** The size: 2,500 groups over 10,000 topics and 40,000 partitions. */
    public static final ScaleShape FULL = new ScaleShape(2_500, 10_000, 4, 4, 10);
    /** A few seconds on one broker, for the test suite. */
    public static final ScaleShape QUICK = new ScaleShape(6, 24, 4, 4, 10);

    public ScaleShape {
        if (groups < 1 || topicsPerGroup < 1 || partitionsPerTopic < 1 || (long) groups * topicsPerGroup > topics) {
            throw new IllegalArgumentException("a scale cluster needs groups x topics per group <= topics, all"
                    + " positive: " + this);
        }
        if (recordsPerPartition < 8) {
            throw new IllegalArgumentException("each partition needs at least 8 records, so that committed offsets"
                    + " can move and still lag: " + recordsPerPartition);
        }
    }

    public int partitions() {
        return topics * partitionsPerTopic;
    }

    public int partitionsPerGroup() {
        return topicsPerGroup * partitionsPerTopic;
    }

    public int groupPartitions() {
        return groups * partitionsPerGroup();
    }

    String topic(int t) {
        return String.format(Locale.ROOT, "scale-topic-%05d", t);
    }

    String group(int g) {
        return String.format(Locale.ROOT, "scale-group-%04d", g);
    }

    static int topicIndex(String topic) {
        return Integer.parseInt(topic.substring("scale-topic-".length()));
    }

    static int groupIndex(String group) {
        return Integer.parseInt(group.substring("scale-group-".length()));
    }

    /** The j-th partition group {@code g} reads. */
    TopicPartition partitionOf(int g, int j) {
        return new TopicPartition(topic(g * topicsPerGroup + j / partitionsPerTopic), j % partitionsPerTopic);
    }

    /** Where partition {@code p} of topic {@code t} sits among the partitions its group reads. */
    int indexInGroup(int t, int p) {
        return (t % topicsPerGroup) * partitionsPerTopic + p;
    }

    /** The timestamp of the record at {@code offset} in partition {@code p} of topic {@code t}. */
    long timestamp(long firstMillis, int t, int p, long offset) {
        int i = t * partitionsPerTopic + p;
        return firstMillis + offset * 60_000 + i % 1000;
    }

    /** Where each group first commits: a few records into each partition, so every group-partition lags. */
    long firstCommit(int g, int j) {
        return (g + j) % 4;
    }

    /** As a set-up marker's text, to tell whether a kept folder holds this shape. */
    String describe(int brokers) {
        return String.format(Locale.ROOT, "groups=%d topics=%d partitionsPerTopic=%d topicsPerGroup=%d"
                + " recordsPerPartition=%d brokers=%d", groups, topics, partitionsPerTopic, topicsPerGroup,
                recordsPerPartition, brokers);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d groups over %,d topics and %,d partitions (%d partitions a topic;"
                + " each group reads %d topics of its own = %d partitions; %,d group-partitions, each lagging)",
                groups, topics, partitions(), partitionsPerTopic, topicsPerGroup, partitionsPerGroup(),
                groupPartitions());
    }
}
