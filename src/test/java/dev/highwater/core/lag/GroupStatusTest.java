package dev.highwater.core.lag;

import org.junit.jupiter.api.Test;

import static dev.highwater.core.lag.FakeCluster.p;
import static dev.highwater.core.lag.LagMonitorTest.group;
import static dev.highwater.core.lag.LagMonitorTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupStatusTest {

    private static final long T0 = 1_710_000_000_000L;
    private static final PartitionId HOT = p("transactions", 7);

    private final FakeCluster cluster = new FakeCluster();
    private final LagMonitor monitor = new LagMonitor(LagSettings.defaults());

    /**
     * The demo: 1,000 records/s over 12 partitions, 45 % of them on partition 7; each partition can process 167/s.
     * The others keep up (a steady lag of 25 between commits); partition 7 falls behind by 283/s.
     */
    @Test
    void theDemosHotPartitionIsHotAndLaggingWhileTheOthersAreOk() {
        cluster.topic("transactions", 12);
        FakeCluster.Group g = cluster.group("transaction-processor");
        for (int m = 0; m < 3; m++) {
            g.member("m" + m, "transaction-processor-" + (m + 1), p("transactions", m), p("transactions", m + 3),
                    p("transactions", m + 6), p("transactions", m + 9));
        }
        LagRefresh r = null;
        long hotCommitted = 0;
        for (int s = 0; s <= 14; s++) {
            for (int i = 0; i < 12; i++) {
                PartitionId id = p("transactions", i);
                cluster.produce(id, i == 7 ? 450 : 50);
                g.commit(id, i == 7 ? (hotCommitted += 167) : cluster.end(id) - 25);
            }
            r = monitor.update(cluster.snapshot(T0 + s * 1_000L));
        }

        GroupLag lag = group(r, "transaction-processor");
        assertEquals(GroupStatus.LAGGING, lag.status());
        assertEquals("transactions-7: lag grew from 1,415 to 4,245 over 10 s while committing 167/s.",
                lag.statusReason());
        PartitionLag hot = row(r, "transaction-processor", HOT);
        assertTrue(hot.hot());
        assertEquals(GroupStatus.LAGGING, hot.status());
        assertEquals(0.45, hot.produceShare(), 1e-9);
        for (PartitionLag other : lag.partitions()) {
            if (!other.id().equals(HOT)) {
                assertFalse(other.hot(), other.id().toString());
                assertEquals(GroupStatus.OK, other.status(), other.id().toString());
            }
        }
        assertEquals(2, r.alerts().size(), r.alerts().toString());
        assertTrue(r.alerts().stream().allMatch(a -> a.severity() == Alert.Severity.WARNING && a.active()));
    }

    @Test
    void aCommittedOffsetThatStandsStillWhileLagGrowsIsStalled() {
        cluster.topic("t", 2);
        FakeCluster.Group g = cluster.group("g").member("m1", "app-1", p("t", 0)).member("m2", "app-2", p("t", 1));
        // judged once the window spans half the 10 s status window: not on a short commit saw-tooth
        for (int s = 0; s < 6; s++) {
            cluster.produce(p("t", 0), 100);
            cluster.produce(p("t", 1), s == 0 ? 600 : 100);
            g.commit(p("t", 0), cluster.end(p("t", 0))).commit(p("t", 1), 500);
            LagRefresh r = monitor.update(cluster.snapshot(T0 + s * 1_000L));
            assertEquals(s < 5 ? GroupStatus.OK : GroupStatus.STALLED, group(r, "g").status(), "after " + s);
            if (s == 5) {
                assertEquals("t-1: committed offset stuck at 500 for 5.0 s while lag grew from 100 to 600.",
                        group(r, "g").statusReason());
                assertEquals("g is stalled: t-1: committed offset stuck at 500 for 5.0 s while lag grew from 100"
                        + " to 600; check its consumer app-2.", r.alerts().getFirst().message());
                assertEquals(Alert.Severity.CRITICAL, r.alerts().getFirst().severity());
            }
        }
    }

    @Test
    void growthWithAnOccasionalDipIsLaggingButLagThatOnlyWandersIsNot() {
        long[] wandering = {100, 150, 120, 140, 130, 135}; // up in 3 intervals of 5
        long[] growing = {100, 200, 300, 250, 400, 500}; // up in 4 of 5: a batch commit's dip
        cluster.topic("t", 2);
        FakeCluster.Group g = cluster.group("g").member("m1", "app-1", p("t", 0), p("t", 1));
        LagRefresh r = null;
        for (int s = 0; s < 6; s++) {
            long committed = 1_000L * (s + 1);
            g.commit(p("t", 0), committed).commit(p("t", 1), committed);
            cluster.produce(p("t", 0), committed + wandering[s] - cluster.end(p("t", 0)));
            cluster.produce(p("t", 1), committed + growing[s] - cluster.end(p("t", 1)));
            r = monitor.update(cluster.snapshot(T0 + s * 1_000L));
        }
        assertEquals(GroupStatus.OK, row(r, "g", p("t", 0)).status());
        assertEquals(GroupStatus.LAGGING, row(r, "g", p("t", 1)).status());
        assertTrue(group(r, "g").statusReason().startsWith("t-1: lag grew from 100 to 500 over 5.0 s"),
                group(r, "g").statusReason());
    }

    @Test
    void aConsumerThatCommitsInBatchesAndKeepsUpIsNotLagging() {
        cluster.topic("t", 1);
        FakeCluster.Group g = cluster.group("g").member("m1", "app-1", p("t", 0));
        LagRefresh r = null;
        for (int s = 0; s < 10; s++) {
            cluster.produce(p("t", 0), 200); // 200/s arrive; a commit every other second takes all of them
            if (s % 2 == 1) {
                g.commit(p("t", 0), cluster.end(p("t", 0)) - 20);
            }
            r = monitor.update(cluster.snapshot(T0 + s * 1_000L));
        }
        assertEquals(GroupStatus.OK, group(r, "g").status(), group(r, "g").statusReason());
    }

    @Test
    void lagInOffsetsThatGrowsWithTrafficIsNotLaggingWhileTheOldestRecordStaysYoung() {
        cluster.topic("t", 1);
        FakeCluster.Group g = cluster.group("g").member("m1", "app-1", p("t", 0));
        LagRefresh r = null;
        for (int s = 0; s < 10; s++) {
            long at = T0 + s * 1_000L;
            cluster.produce(p("t", 0), 100L * (s + 1)); // traffic ramps up; the consumer stays ~1 s behind
            long committed = cluster.end(p("t", 0)) - 50L * (s + 1);
            g.commit(p("t", 0), committed).recordTime(p("t", 0), committed, at - 1_000, false);
            r = monitor.update(cluster.snapshot(at));
        }
        assertEquals(GroupStatus.OK, group(r, "g").status(), group(r, "g").statusReason());

        // the same growth in offsets while the oldest unconsumed record ages: it is falling behind
        FakeCluster.Group h = cluster.group("h").member("m2", "app-2", p("t", 0));
        LagMonitor fresh = new LagMonitor(LagSettings.defaults());
        for (int s = 0; s < 10; s++) {
            long at = T0 + 20_000 + s * 1_000L;
            cluster.produce(p("t", 0), 100L * (s + 1));
            long committed = cluster.end(p("t", 0)) - 50L * (s + 1);
            h.commit(p("t", 0), committed).recordTime(p("t", 0), committed, at - 1_000 - 600L * s, false);
            r = fresh.update(cluster.snapshot(at));
        }
        assertEquals(GroupStatus.LAGGING, group(r, "h").status(), group(r, "h").statusReason());
    }

    @Test
    void aGroupWhoseConsumersAreAllGoneStallsAndTheAlertSaysNobodyOwnsThePartition() {
        cluster.topic("t", 1);
        FakeCluster.Group g = cluster.group("g").commit(p("t", 0), 0);
        LagRefresh r = null;
        for (int s = 0; s < 6; s++) {
            cluster.produce(p("t", 0), 100);
            r = monitor.update(cluster.snapshot(T0 + s * 1_000L));
        }
        assertEquals(GroupStatus.STALLED, group(r, "g").status());
        assertTrue(r.alerts().getFirst().message().endsWith("; check why no consumer owns it."),
                r.alerts().getFirst().message());
    }

    @Test
    void aStuckOffsetIsOkWhenLagDoesNotGrowOrHasJustLeftZero() {
        cluster.topic("t", 2);
        cluster.produce(p("t", 0), 1_000);
        FakeCluster.Group g = cluster.group("g").member("m1", "app-1", p("t", 0), p("t", 1))
                .commit(p("t", 0), 999).commit(p("t", 1), 0);
        LagRefresh r = null;
        for (int s = 0; s < 6; s++) {
            if (s == 5) {
                cluster.produce(p("t", 1), 1); // a quiet partition's first new record, not yet consumed
            }
            r = monitor.update(cluster.snapshot(T0 + s * 1_000L));
        }
        assertEquals(GroupStatus.OK, group(r, "g").status(), group(r, "g").statusReason());
        assertEquals("Lag is not growing on any of its 2 partitions (total lag 2).", group(r, "g").statusReason());
        assertEquals(1L, row(r, "g", p("t", 1)).lag());
    }

    @Test
    void noMembersAndNoCommittedOffsetsIsEmpty() {
        cluster.topic("t", 1);
        cluster.group("idle");
        cluster.group("starting").member("m1", "app-1", p("t", 0));

        LagRefresh r = monitor.update(cluster.snapshot(T0));

        assertEquals(GroupStatus.EMPTY, group(r, "idle").status());
        assertEquals("No members and no committed offsets.", group(r, "idle").statusReason());
        assertEquals(GroupStatus.OK, group(r, "starting").status());
        assertEquals("No committed offsets yet: its members have not committed.", group(r, "starting").statusReason());
    }

    @Test
    void rebalancesCountSettledAssignmentChangesOnly() {
        cluster.topic("t", 2);
        FakeCluster.Group g = cluster.group("g").member("m1", "app-1", p("t", 0)).member("m2", "app-2", p("t", 1));
        assertEquals(0, group(monitor.update(cluster.snapshot(T0)), "g").rebalancesSeen());
        assertEquals(0, group(monitor.update(cluster.snapshot(T0 + 1_000)), "g").rebalancesSeen());

        g.members.clear();
        g.member("m1", "app-1", p("t", 0), p("t", 1)); // m2 left
        assertEquals(1, group(monitor.update(cluster.snapshot(T0 + 2_000)), "g").rebalancesSeen());

        g.state = "PreparingRebalance"; // m3 joins: first nobody holds anything…
        g.members.clear();
        g.member("m1", "app-1").member("m3", "app-3");
        assertEquals(1, group(monitor.update(cluster.snapshot(T0 + 3_000)), "g").rebalancesSeen());

        g.state = "Stable"; // …then the new assignment settles: one rebalance, not two
        g.members.clear();
        g.member("m1", "app-1", p("t", 0)).member("m3", "app-3", p("t", 1));
        assertEquals(2, group(monitor.update(cluster.snapshot(T0 + 4_000)), "g").rebalancesSeen());
    }

    @Test
    void aDisconnectionRaisesOneCriticalAlertClearedOnReconnect() {
        cluster.topic("t", 1);
        cluster.group("g").member("m1", "app-1", p("t", 0)).commit(p("t", 0), 0);
        LagRefresh before = monitor.update(cluster.snapshot(T0));

        monitor.update(OffsetsSnapshot.disconnected(T0 + 1_000, "Broker localhost:9092 is not reachable."));
        LagRefresh down = monitor.update(OffsetsSnapshot.disconnected(T0 + 2_000, "Broker localhost:9092 is not reachable."));

        assertFalse(down.connected());
        assertEquals(before.groups(), down.groups());
        assertEquals(1, down.alerts().size());
        Alert alert = down.alerts().getFirst();
        assertEquals(Alert.Severity.CRITICAL, alert.severity());
        assertEquals(T0 + 1_000, alert.raisedAt());
        assertTrue(alert.active());

        LagRefresh back = monitor.update(cluster.snapshot(T0 + 5_000));
        assertTrue(back.connected());
        assertEquals(1, back.alerts().size());
        assertEquals(T0 + 5_000, back.alerts().getFirst().clearedAt());
    }

    @Test
    void aGroupOverTheCriticalTotalLagRaisesOneAlertUntilItRecovers() {
        cluster.topic("t", 1);
        cluster.produce(p("t", 0), 600_000);
        FakeCluster.Group g = cluster.group("g").member("m1", "app-1", p("t", 0)).commit(p("t", 0), 0);
        monitor.update(cluster.snapshot(T0));
        LagRefresh still = monitor.update(cluster.snapshot(T0 + 1_000));
        assertEquals(1, still.alerts().size());
        assertEquals("g: total lag 600,000 is over the critical 500,000; its consumers are not keeping up, so look at"
                + " the partitions with the most lag.", still.alerts().getFirst().message());
        assertEquals(T0, still.alerts().getFirst().raisedAt());

        g.commit(p("t", 0), 200_000);
        LagRefresh recovered = monitor.update(cluster.snapshot(T0 + 2_000));
        assertEquals(T0 + 2_000, recovered.alerts().getFirst().clearedAt());
    }
}
