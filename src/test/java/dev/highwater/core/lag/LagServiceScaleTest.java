package dev.highwater.core.lag;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster of 1,000 groups and 8,000 group-partitions: what the service keeps in memory, stores and samples
 * follows what a person opened and what needs a look, not the cluster's size.
 */
class LagServiceScaleTest {

    private static final int TOPICS = 500;
    private static final int GROUPS = 1_000;

    /** Each group reads two topics of four partitions; group-0 lags far behind on its first topic. */
    private static final class LargeCluster implements OffsetsSource {
        final FakeCluster cluster = new FakeCluster();

        LargeCluster() {
            for (int t = 0; t < TOPICS; t++) {
                cluster.topic(topic(t), 4);
                cluster.produce(topic(t), 100, 100, 100, 100);
            }
            for (int g = 0; g < GROUPS; g++) {
                FakeCluster.Group group = cluster.group("group-" + g);
                for (int t : new int[] {g % TOPICS, (g + 1) % TOPICS}) {
                    for (int i = 0; i < 4; i++) {
                        group.commit(FakeCluster.p(topic(t), i), g == 0 && t == 0 ? 0 : 90);
                    }
                }
            }
        }

        static String topic(int t) {
            return "topic-" + t;
        }

        @Override
        public Set<String> groups() {
            return Set.of();
        }

        @Override
        public OffsetsSnapshot read(Set<String> groups) {
            return cluster.snapshot(System.currentTimeMillis());
        }

        @Override
        public void close() {
        }
    }

    /** Remembers which topics were sampled and with how many records a partition. */
    private static final class SampledTopics implements KeySampleSource {
        final List<String> topics = new CopyOnWriteArrayList<>();
        final List<Integer> perPartition = new CopyOnWriteArrayList<>();

        @Override
        public List<SampledKey> sample(String topic, int per) {
            topics.add(topic);
            perPartition.add(per);
            return Collections.nCopies(200, new SampledKey(topic, 0, "k"));
        }

        @Override
        public void close() {
        }
    }

    /** Remembers what each append was asked to keep. */
    private static final class Appends implements LagHistoryStore {
        record Append(Set<String> totals, int partitionRows, Set<String> withPartitions) {
        }

        final List<Append> appends = new CopyOnWriteArrayList<>();

        @Override
        public void append(String cluster, List<Kept> refreshes) {
            for (Kept k : refreshes) {
                int rows = k.refresh().groups().stream().filter(g -> k.withPartitions().contains(g.groupId()))
                        .mapToInt(g -> g.partitions().size()).sum();
                Set<String> totals = new java.util.HashSet<>();
                k.refresh().groups().forEach(g -> totals.add(g.groupId()));
                appends.add(new Append(totals, rows, Set.copyOf(k.withPartitions())));
            }
        }

        @Override
        public List<LagSample> since(String cluster, String group, long fromMillis) {
            return List.of();
        }

        @Override
        public int pruneBefore(long millis) {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void chartSeriesAreKeptOnlyForTheOpenedGroups() {
        try (LagService service = new LagService(new LargeCluster(), new SampledTopics(), null, "big",
                LagSettings.defaults(), Clock.systemUTC())) {
            service.refresh();
            service.refresh();
            assertEquals(0, service.history().seriesCount(), "no group opened: no chart history at all");

            service.openGroup("group-7");
            service.refresh();
            assertEquals(Set.of("group-7"), service.history().groupsWithSeries());
            assertEquals(8, service.history().partitions("group-7").size());
            assertEquals(8 * 3 + 8, service.history().seriesCount());

            for (int g = 100; g < 110; g++) {
                service.openGroup("group-" + g);
            }
            service.refresh();
            assertEquals(Set.of("group-106", "group-107", "group-108", "group-109"),
                    service.history().groupsWithSeries(), "only the groups opened last keep series");
        }
    }

    @Test
    void storingARefreshKeepsTheOpenedAndWorstGroupsPerPartitionWithinTheBudget() {
        Appends store = new Appends();
        try (LagService service = new LagService(new LargeCluster(), new SampledTopics(), store, "big",
                LagSettings.defaults(), Clock.systemUTC())) {
            service.openGroup("group-734");
            for (int i = 0; i < 10; i++) {
                service.refresh();
            }
            service.storedSince("group-734", 0); // writes what waits to be stored
            assertEquals(10, store.appends.size());
            Set<String> groupsWithTotals = new java.util.HashSet<>();
            for (Appends.Append a : store.appends) {
                assertTrue(a.partitionRows() <= HistoryBudget.PARTITION_ROWS, "rows " + a.partitionRows());
                assertTrue(a.totals().size() <= 2 * HistoryBudget.TOTAL_ROWS + a.withPartitions().size(),
                        "totals " + a.totals().size());
                assertTrue(a.withPartitions().contains("group-734"), "the opened group is stored per partition");
                assertTrue(a.withPartitions().contains("group-0"), "the group lagging most is stored per partition");
                assertTrue(a.totals().containsAll(a.withPartitions()));
                groupsWithTotals.addAll(a.totals());
            }
            assertTrue(groupsWithTotals.size() > 6 * HistoryBudget.TOTAL_ROWS,
                    "the other groups' totals are stored in turn: " + groupsWithTotals.size());
        }
    }

    @Test
    void hotKeysAreSampledFromTheOpenedGroupsTopicsFirstAndFromABoundedFewTopics() throws InterruptedException {
        SampledTopics keys = new SampledTopics();
        try (LagService service = new LagService(new LargeCluster(), keys, null, "big", LagSettings.defaults(),
                Clock.systemUTC())) {
            service.openGroup("group-900");
            service.refresh();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (service.hotKeys().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<String> sampled = new ArrayList<>(keys.topics);
            assertEquals(List.of("topic-400", "topic-401"), sampled.subList(0, 2), "the opened group's topics first");
            assertEquals("topic-0", sampled.get(2), "then the topic of the group lagging most");
            assertTrue(sampled.size() <= HotKeyScope.MAX_TOPICS, "at most a few topics of " + TOPICS);
            long records = 0;
            for (int per : keys.perPartition) {
                records += per * 4L;
            }
            assertTrue(records <= HotKeyScope.RECORD_BUDGET, "records asked for: " + records);
        }
    }

}
