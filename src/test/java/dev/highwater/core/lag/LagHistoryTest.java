package dev.highwater.core.lag;

import org.junit.jupiter.api.Test;

import static dev.highwater.core.lag.FakeCluster.p;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LagHistoryTest {

    private static final long T0 = 1_710_000_000_000L;

    private final FakeCluster cluster = new FakeCluster();
    private final LagMonitor monitor = new LagMonitor(LagSettings.defaults());
    private final LagHistory history = new LagHistory(4);

    LagHistoryTest() {
        history.open("g");
        history.open("h");
    }

    private void refresh(long at) {
        history.record(monitor.update(cluster.snapshot(at)));
    }

    private double[] values(SeriesRing ring) {
        return ring.snapshot().values();
    }

    @Test
    void seriesFollowTheRefreshesWithOneGapPerOutageAndBoundedLength() {
        cluster.topic("a", 1);
        FakeCluster.Group g = cluster.group("g").member("m1", "app-1", p("a", 0)).commit(p("a", 0), 0);
        for (int s = 0; s < 2; s++) {
            cluster.produce(p("a", 0), 100);
            refresh(T0 + s * 1_000L);
        }
        history.record(monitor.update(OffsetsSnapshot.disconnected(T0 + 2_000, "down")));
        history.record(monitor.update(OffsetsSnapshot.disconnected(T0 + 3_000, "down")));
        g.commit(p("a", 0), 150);
        refresh(T0 + 4_000);

        assertArrayEquals(new double[] {100, 200, Double.NaN, 50}, values(history.lag("g", p("a", 0)).orElseThrow()));
        double[] produced = values(history.produceRate(p("a", 0)).orElseThrow());
        assertTrue(Double.isNaN(produced[0]), "no rate from one refresh: a gap, not 0");
        assertEquals(100.0, produced[1], 1e-9);
        assertTrue(Double.isNaN(produced[2]));
        assertTrue(Double.isNaN(produced[3]), "the rate restarts after the outage");

        refresh(T0 + 5_000);
        assertArrayEquals(new double[] {T0 + 1_000, T0 + 2_000, T0 + 4_000, T0 + 5_000},
                history.lag("g", p("a", 0)).orElseThrow().snapshot().times());
    }

    @Test
    void withoutCapacityNothingIsKept() {
        LagHistory none = new LagHistory(LagSettings.defaults().withoutHistory());
        none.open("g");
        cluster.topic("a", 1);
        cluster.group("g").member("m1", "app-1", p("a", 0)).commit(p("a", 0), 0);
        cluster.produce(p("a", 0), 100);
        none.record(monitor.update(cluster.snapshot(T0)));
        none.record(monitor.update(OffsetsSnapshot.disconnected(T0 + 1_000, "down")));
        assertTrue(none.lag("g", p("a", 0)).isEmpty());
        assertTrue(none.partitions("g").isEmpty());
    }

    @Test
    void aVanishedPartitionsOrGroupsSeriesAreDropped() {
        cluster.topic("a", 1).topic("b", 1);
        cluster.group("g").member("m1", "app-1", p("a", 0), p("b", 0)).commit(p("a", 0), 0).commit(p("b", 0), 0);
        cluster.group("h").commit(p("a", 0), 0);
        refresh(T0);
        assertTrue(history.lag("g", p("b", 0)).isPresent());
        assertTrue(history.consumeRate("h", p("a", 0)).isPresent());

        cluster.deleteTopic("b");
        cluster.deleteGroup("h");
        refresh(T0 + 1_000);

        assertTrue(history.lag("g", p("b", 0)).isEmpty());
        assertTrue(history.lagSeconds("g", p("b", 0)).isEmpty());
        assertTrue(history.produceRate(p("b", 0)).isEmpty());
        assertTrue(history.consumeRate("h", p("a", 0)).isEmpty());
        assertTrue(history.produceRate(p("a", 0)).isPresent(), "another group still reads a-0");
        assertEquals(java.util.Set.of(p("a", 0)), history.partitions("g"));
    }

    @Test
    void onlyTheGroupsOpenedLastHaveSeriesHoweverManyTheClusterHas() {
        for (int t = 0; t < 200; t++) {
            cluster.topic("topic-" + t, 4);
        }
        for (int g = 0; g < 1_000; g++) {
            FakeCluster.Group group = cluster.group("group-" + g);
            for (int i = 0; i < 4; i++) {
                group.commit(p("topic-" + g % 200, i), 0);
            }
        }
        LagHistory bounded = new LagHistory(LagSettings.defaults());
        for (int s = 0; s < 3; s++) {
            cluster.produce("topic-" + s, 10, 10, 10, 10);
            bounded.record(monitor.update(cluster.snapshot(T0 + s * 1_000L)));
        }
        assertEquals(0, bounded.seriesCount(), "nobody opened a group: no chart history");

        for (int g = 10; g < 16; g++) {
            bounded.open("group-" + g);
        }
        bounded.record(monitor.update(cluster.snapshot(T0 + 3_000)));
        assertEquals(java.util.Set.of("group-12", "group-13", "group-14", "group-15"), bounded.groupsWithSeries(),
                "the four opened last, not the six opened nor the thousand in the cluster");
        assertEquals(4 * 4 * 3 + 4 * 4, bounded.seriesCount(), "three series a group-partition, one a partition");

        bounded.open("group-500");
        assertTrue(bounded.lag("group-500", p("topic-100", 0)).isEmpty(), "series start with the next refresh");
        bounded.record(monitor.update(cluster.snapshot(T0 + 4_000)));
        assertEquals(1, bounded.lag("group-500", p("topic-100", 0)).orElseThrow().size());
        assertEquals(java.util.Set.of("group-13", "group-14", "group-15", "group-500"), bounded.groupsWithSeries());
    }

    @Test
    void aGroupOfAThousandPartitionsKeepsSeriesOfThoseWithTheLargestLagOnly() {
        cluster.topic("wide", 1_000);
        FakeCluster.Group g = cluster.group("g");
        for (int i = 0; i < 1_000; i++) {
            cluster.produce(p("wide", i), 1_000 + i); // the higher the partition, the larger its lag
            g.commit(p("wide", i), 0);
        }
        refresh(T0);
        java.util.Set<PartitionId> first = history.partitions("g");
        assertEquals(LagHistory.LARGEST_LAG, first.size());
        assertTrue(first.contains(p("wide", 999)) && first.contains(p("wide", 952)) && !first.contains(p("wide", 951)));

        for (int i = 0; i < 100; i++) {
            cluster.produce(p("wide", i), 10_000); // now the low partitions lag most
        }
        refresh(T0 + 1_000);
        java.util.Set<PartitionId> second = history.partitions("g");
        assertEquals(LagHistory.PARTITIONS_PER_GROUP, second.size(), "the new largest, and some of the old kept");
        for (int i = 52; i < 100; i++) {
            assertTrue(second.contains(p("wide", i)), "partition " + i + " has one of the 48 largest lags now");
        }
        assertTrue(second.contains(p("wide", 999)), "a partition charted before keeps its series while room is left");
    }
}
