package dev.highwater.bench;

import dev.highwater.core.lag.KeySampleSource;
import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.lag.OffsetsSource;
import dev.highwater.core.lag.PartitionId;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A large cluster made of numbers, for measuring the console rather than a broker: N groups over T topics of P
 * partitions in all (P / T a topic), each group reading a few topics (T / N, at least one), so that there are
 * about as many group-partitions as partitions; the first group reads 1,000 partitions (a group too large to chart
 * whole). Groups have names a team would give them ({@code payments-settlement-0042}), so that searching the list
 * means something. Every read moves the offsets on by the time passed: most groups keep up with a lag that
 * comes and goes, one in 50 falls behind (lagging), one in 97 stopped committing a few seconds in (stalled), one
 * in 40 has no members and no offsets (empty), and the wide group has a hot partition in every hundred.
 */
public final class SyntheticLargeCluster implements OffsetsSource, KeySampleSource {

    private static final String[] SERVICES = {"payments", "orders", "ledger", "billing", "fraud-check", "inventory",
            "shipping", "notifications", "search-indexer", "audit"};
    private static final String[] ROLES = {"settlement", "projection", "enricher", "archiver", "alerts"};
    /** Partitions the first group reads. */
    static final int WIDE_GROUP_PARTITIONS = 1_000;

    private enum Kind { KEEPS_UP, LAGGING, STALLED, EMPTY, WIDE }

    private record Group(String id, Kind kind, PartitionId[] partitions, List<OffsetsSnapshot.Member> members) {
    }

    private final Clock clock;
    private final long start;
    private final PartitionId[] partitions;
    private final double[] produceRates;
    private final Map<PartitionId, Integer> index = new HashMap<>();
    private final Map<String, List<Integer>> byTopic = new HashMap<>();
    private final List<Group> groups = new ArrayList<>();

    public SyntheticLargeCluster(int groupCount, int topicCount, int partitionCount, Clock clock) {
        if (groupCount < 1 || topicCount < 1 || partitionCount < topicCount) {
            throw new IllegalArgumentException("needs a group, a topic and a partition a topic at least: "
                    + groupCount + " groups, " + topicCount + " topics, " + partitionCount + " partitions");
        }
        this.clock = clock;
        this.start = clock.millis();
        int perTopic = partitionCount / topicCount;
        partitions = new PartitionId[topicCount * perTopic];
        produceRates = new double[partitions.length];
        for (int t = 0; t < topicCount; t++) {
            String topic = String.format(Locale.ROOT, "%s.events.%05d", SERVICES[t % SERVICES.length], t);
            for (int p = 0; p < perTopic; p++) {
                int i = t * perTopic + p;
                partitions[i] = new PartitionId(topic, p);
                produceRates[i] = 5 + Math.floorMod(topic.hashCode() * 31 + p, 45);
                index.put(partitions[i], i);
                byTopic.computeIfAbsent(topic, k -> new ArrayList<>()).add(i);
            }
        }
        int topicsPerGroup = Math.max(1, topicCount / groupCount);
        for (int g = 0; g < groupCount; g++) {
            Kind kind = g == 0 ? Kind.WIDE : g % 50 == 7 ? Kind.LAGGING : g % 97 == 3 ? Kind.STALLED
                    : g % 40 == 11 ? Kind.EMPTY : Kind.KEEPS_UP;
            int from = g == 0 ? 0 : g * topicsPerGroup * perTopic % partitions.length;
            int count = Math.min(partitions.length, g == 0 ? WIDE_GROUP_PARTITIONS : topicsPerGroup * perTopic);
            PartitionId[] read = new PartitionId[count];
            for (int i = 0; i < count; i++) {
                read[i] = partitions[(from + i) % partitions.length];
            }
            String id = String.format(Locale.ROOT, "%s-%s-%04d", SERVICES[g % SERVICES.length],
                    ROLES[g / SERVICES.length % ROLES.length], g);
            List<OffsetsSnapshot.Member> members = kind == Kind.EMPTY ? List.of() : members(id, read);
            groups.add(new Group(id, kind, read, members));
        }
    }

    /** Two members, each owning half of what the group reads. */
    private static List<OffsetsSnapshot.Member> members(String group, PartitionId[] read) {
        int half = (read.length + 1) / 2;
        return List.of(
                new OffsetsSnapshot.Member(group + "-m1", group + "-1", "/10.0.0.1",
                        Set.copyOf(Arrays.asList(read).subList(0, half))),
                new OffsetsSnapshot.Member(group + "-m2", group + "-2", "/10.0.0.2",
                        Set.copyOf(Arrays.asList(read).subList(half, read.length))));
    }

    /** The group that reads {@value #WIDE_GROUP_PARTITIONS} partitions. */
    public String wideGroup() {
        return groups.getFirst().id();
    }

    /** Group-partitions in all: what the lag maths and the history work through every refresh. */
    public int groupPartitions() {
        return groups.stream().mapToInt(g -> g.kind == Kind.EMPTY ? 0 : g.partitions.length).sum();
    }

    public int partitions() {
        return partitions.length;
    }

    @Override
    public Set<String> groups() {
        Set<String> out = new LinkedHashSet<>();
        groups.forEach(g -> out.add(g.id()));
        return out;
    }

    @Override
    public OffsetsSnapshot read(Set<String> wanted) {
        long now = clock.millis();
        double seconds = (now - start) / 1000.0;
        Map<PartitionId, OffsetsSnapshot.LogOffsets> logs = new HashMap<>(partitions.length * 2);
        for (int i = 0; i < partitions.length; i++) {
            logs.put(partitions[i], new OffsetsSnapshot.LogOffsets(partitions[i], 0, end(i, seconds)));
        }
        List<OffsetsSnapshot.GroupOffsets> described = new ArrayList<>(groups.size());
        for (Group g : groups) {
            if (!wanted.isEmpty() && !wanted.contains(g.id())) {
                continue;
            }
            Map<PartitionId, Long> committed = new HashMap<>(g.partitions.length * 2);
            Map<PartitionId, OffsetsSnapshot.RecordTime> times = new HashMap<>();
            if (g.kind != Kind.EMPTY) {
                for (int k = 0; k < g.partitions.length; k++) {
                    int i = index.get(g.partitions[k]);
                    long end = end(i, seconds);
                    long offset = Math.min(end, committed(g.kind, i, k, seconds));
                    committed.put(g.partitions[k], offset);
                    if (offset < end) {
                        long ageMillis = (long) ((end - offset) / produceRates[i] * 1000);
                        times.put(g.partitions[k], new OffsetsSnapshot.RecordTime(offset, now - ageMillis, false));
                    }
                }
            }
            described.add(new OffsetsSnapshot.GroupOffsets(g.id(), g.kind == Kind.EMPTY ? "Empty" : "Stable",
                    g.members(), committed, times));
        }
        return new OffsetsSnapshot(now, null, logs, described);
    }

    private long end(int i, double seconds) {
        return 1_000 + (long) (produceRates[i] * seconds);
    }

    /** Where a group has committed on its k-th partition (global index i), by the way it behaves. */
    private long committed(Kind kind, int i, int k, double seconds) {
        double rate = produceRates[i];
        long steady = 1_000 + (long) (rate * seconds);
        return switch (kind) {
            // commits every second or so: a lag that comes and goes, back to a few records, under what makes
            // a partition hot
            case KEEPS_UP -> steady - (long) (rate * ((seconds + k) % 1.5)) - 2;
            case LAGGING -> 1_000 + (long) (rate * 0.6 * seconds);
            case STALLED -> 1_000 + (long) (rate * Math.min(seconds, 5));
            case WIDE -> k % 100 == 0 ? 1_000 + (long) (rate * 0.5 * seconds)
                    : steady - (long) (rate * ((seconds + k) % 4)) - 5;
            case EMPTY -> throw new IllegalStateException("an empty group commits nothing");
        };
    }

    @Override
    public List<SampledKey> sample(String topic, int perPartition) {
        List<SampledKey> keys = new ArrayList<>();
        for (int i : byTopic.getOrDefault(topic, List.of())) {
            int p = partitions[i].partition();
            for (int n = 0; n < Math.min(perPartition, 50); n++) {
                // one key in five is the same account: a hot key on every topic
                keys.add(new SampledKey(topic, p, n % 5 == 0 ? "acct-hot-7" : "acct-" + (p * 131 + n)));
            }
        }
        return keys;
    }

    @Override
    public void close() {
    }
}
