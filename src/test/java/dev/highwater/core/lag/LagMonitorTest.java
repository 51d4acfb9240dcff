package dev.highwater.core.lag;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.highwater.core.lag.FakeCluster.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LagMonitorTest {

    private static final long T0 = 1_710_000_000_000L;

    private final FakeCluster cluster = new FakeCluster();
    private final LagMonitor monitor = new LagMonitor(LagSettings.defaults());

    static GroupLag group(LagRefresh r, String id) {
        return r.groups().stream().filter(g -> g.groupId().equals(id)).findFirst().orElseThrow();
    }

    static PartitionLag row(LagRefresh r, String group, PartitionId id) {
        return group(r, group).partitions().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void lagIsEndMinusCommittedNeverNegativeAndNullWithoutACommit() {
        cluster.topic("t", 3);
        cluster.produce("t", 100, 50, 30);
        cluster.group("g").member("m1", "app-1", p("t", 0), p("t", 1), p("t", 2))
                .commit(p("t", 0), 40)
                .commit(p("t", 1), 80); // beyond the end, as after a topic is recreated

        LagRefresh r = monitor.update(cluster.snapshot(T0));

        assertEquals(60L, row(r, "g", p("t", 0)).lag());
        assertEquals(0L, row(r, "g", p("t", 1)).lag());
        PartitionLag never = row(r, "g", p("t", 2));
        assertNull(never.committed());
        assertNull(never.lag());
        assertNull(never.lagSeconds());
        assertNull(never.secondsToDrain());
        assertEquals(30, never.logEnd());
        assertEquals("app-1", never.owner());
        assertEquals(60, group(r, "g").totalLag());
    }

    @Test
    void lagInSecondsIsTheAgeOfTheRecordAtTheCommittedOffset() {
        cluster.topic("t", 4);
        for (int i = 0; i < 4; i++) {
            cluster.produce(p("t", i), 100);
        }
        cluster.group("g").member("m1", "app-1", p("t", 0))
                .commit(p("t", 0), 40).recordTime(p("t", 0), 40, T0 - 12_500, false)
                .commit(p("t", 1), 100).recordTime(p("t", 1), 99, T0 - 60_000, false)
                .commit(p("t", 2), 10).recordTime(p("t", 2), 20, T0 - 3_000, true)
                .commit(p("t", 3), 10);

        LagRefresh r = monitor.update(cluster.snapshot(T0));

        assertEquals(12.5, row(r, "g", p("t", 0)).lagSeconds());
        assertFalse(row(r, "g", p("t", 0)).lagSecondsEstimated());
        assertEquals(0.0, row(r, "g", p("t", 1)).lagSeconds(), "caught up is exactly 0, whatever the record time");
        assertEquals(3.0, row(r, "g", p("t", 2)).lagSeconds());
        assertTrue(row(r, "g", p("t", 2)).lagSecondsEstimated());
        assertNull(row(r, "g", p("t", 3)).lagSeconds(), "no record time: unknown, not 0");
        assertEquals(12.5, group(r, "g").maxLagSeconds());
    }

    @Test
    void ratesFollowTheWindowAndRestartAfterADisconnection() {
        PartitionId id = p("t", 0);
        cluster.topic("t", 1);
        FakeCluster.Group g = cluster.group("g").member("m1", "app-1", id).commit(id, 0);
        LagRefresh first = monitor.update(cluster.snapshot(T0));
        assertNull(row(first, "g", id).produceRate());
        assertNull(row(first, "g", id).consumeRate());

        LagRefresh r = first;
        for (int s = 1; s <= 20; s++) {
            cluster.produce(id, s <= 10 ? 100 : 200);
            g.commit(id, cluster.end(id) - 50);
            r = monitor.update(cluster.snapshot(T0 + s * 1_000L));
        }
        // the last 10 s all ran at 200/s: a window, not an average since the start (which would be 150/s)
        assertEquals(200.0, row(r, "g", id).produceRate(), 1e-9);
        assertEquals(200.0, row(r, "g", id).consumeRate(), 1e-9);

        LagRefresh down = monitor.update(OffsetsSnapshot.disconnected(T0 + 21_000, "Broker localhost:9092 is not reachable."));
        assertEquals("Broker localhost:9092 is not reachable.", down.error());
        assertEquals(row(r, "g", id).lag(), row(down, "g", id).lag(), "the last lag read stays, to be shown as stale");
        assertNull(row(down, "g", id).produceRate(), "a rate is a measure of now: not repeated while stale");
        assertNull(row(down, "g", id).consumeRate());
        assertNull(row(down, "g", id).secondsToDrain());

        cluster.produce(id, 9_000); // produced during the outage
        g.commit(id, cluster.end(id) - 50);
        LagRefresh back = monitor.update(cluster.snapshot(T0 + 30_000));
        assertNull(row(back, "g", id).produceRate(), "no rate across the gap");
        assertNull(row(back, "g", id).consumeRate());

        cluster.produce(id, 200);
        g.commit(id, cluster.end(id) - 50);
        LagRefresh next = monitor.update(cluster.snapshot(T0 + 31_000));
        assertEquals(200.0, row(next, "g", id).produceRate(), 1e-9);
    }

    @Test
    void drainTimeIsLagOverTheNetConsumeRate() {
        cluster.topic("t", 3);
        cluster.produce("t", 1_000, 1_000, 1_000);
        FakeCluster.Group g = cluster.group("g").member("m1", "app-1", p("t", 0), p("t", 1), p("t", 2))
                .commit(p("t", 0), 0).commit(p("t", 1), 0).commit(p("t", 2), 1_000);
        monitor.update(cluster.snapshot(T0));

        cluster.produce("t", 100, 100);
        g.commit(p("t", 0), 300).commit(p("t", 1), 50);
        LagRefresh r = monitor.update(cluster.snapshot(T0 + 1_000));

        // lag 800, consuming 300/s against 100/s produced: 800 / 200
        assertEquals(4.0, row(r, "g", p("t", 0)).secondsToDrain(), 1e-9);
        assertNull(row(r, "g", p("t", 1)).secondsToDrain(), "consuming slower than producing never drains");
        assertEquals(0.0, row(r, "g", p("t", 2)).secondsToDrain());
    }

    @Test
    void aHotspotIsOverThreeTimesTheAverageAndAboveTheMinimumLag() {
        long[][] lags = {{1_000, 100, 100, 100}, {900, 100, 100, 100}, {90, 0, 0, 0}};
        String[] topics = {"a", "b", "c"};
        for (int t = 0; t < 3; t++) {
            cluster.topic(topics[t], 4);
            FakeCluster.Group g = cluster.group("g-" + topics[t]);
            for (int i = 0; i < 4; i++) {
                cluster.produce(p(topics[t], i), 5_000);
                g.commit(p(topics[t], i), 5_000 - lags[t][i]);
            }
        }

        LagRefresh r = monitor.update(cluster.snapshot(T0));

        assertTrue(row(r, "g-a", p("a", 0)).hot(), "1,000 > 3 x 325");
        assertFalse(row(r, "g-a", p("a", 1)).hot());
        assertFalse(row(r, "g-b", p("b", 0)).hot(), "900 is exactly 3 x 300, not over it");
        assertFalse(row(r, "g-c", p("c", 0)).hot(), "over 3x the average but below the minimum lag of 100");
        List<Alert> hotspots = r.alerts().stream().filter(a -> a.key().startsWith("hotspot:")).toList();
        assertEquals(1, hotspots.size());
        assertEquals("g-a: partition a-0 lags 1,000 (3.1x the group's average): a hot partition; see the hot keys"
                + " panel.", hotspots.getFirst().message());
    }

    @Test
    void aHotPartitionStaysHotUntilItDropsWellBelowTheLineSoItsAlertDoesNotFlap() {
        cluster.topic("t", 4);
        FakeCluster.Group g = cluster.group("g");
        long[] hotLags = {1_000, 850, 400}; // 3.1x, then 3.0x (just under the line), then 2.3x the average
        boolean[] expected = {true, true, false};
        for (int s = 0; s < hotLags.length; s++) {
            for (int i = 0; i < 4; i++) {
                cluster.produce(p("t", i), 1_000);
                g.commit(p("t", i), cluster.end(p("t", i)) - (i == 0 ? hotLags[s] : 100));
            }
            LagRefresh r = monitor.update(cluster.snapshot(T0 + s * 1_000L));
            assertEquals(expected[s], row(r, "g", p("t", 0)).hot(), "refresh " + s);
        }
    }

    @Test
    void aDeletedTopicsPartitionsAndAVanishedGroupDisappear() {
        cluster.topic("a", 2).topic("b", 2);
        cluster.group("g").member("m1", "app-1", p("a", 0), p("a", 1), p("b", 0), p("b", 1))
                .commit(p("a", 0), 0).commit(p("b", 0), 0);
        cluster.group("other").commit(p("a", 1), 0);
        assertEquals(4, group(monitor.update(cluster.snapshot(T0)), "g").partitions().size());

        cluster.deleteTopic("b");
        cluster.deleteGroup("other");
        LagRefresh r = monitor.update(cluster.snapshot(T0 + 1_000));

        assertEquals(List.of(p("a", 0), p("a", 1)),
                group(r, "g").partitions().stream().map(PartitionLag::id).toList());
        assertEquals(List.of("g"), r.groups().stream().map(GroupLag::groupId).toList());
    }
}
