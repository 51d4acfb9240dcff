package dev.highwater.core.ledger;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts a replay pass is made of, each on its own. */
class FoldPartsTest {

    @Test
    void theTrackerAsksForAChecksEvery1024RecordsAndStopsWhenCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        ReplayTracker t = new ReplayTracker(new long[] {0, 0}, 5_000, LedgerReplay.Listener.NONE, cancelled::get, 0);
        int checks = 0;
        for (int i = 0; i < 3_000; i++) {
            if (t.count()) {
                checks++;
            }
        }
        assertEquals(2, checks);
        assertEquals(3_000, t.read());
        t.checkCancelled();
        cancelled.set(true);
        assertThrows(ReplayCancelledException.class, t::checkCancelled);
    }

    @Test
    void theTrackerReportsOffsetsDoneFromWhereThePassStartedAtMostFiveTimesASecond() {
        List<ReplayProgress> reports = new ArrayList<>();
        long[] positions = {10, 20};
        ReplayTracker t = new ReplayTracker(positions, 100, reports::add, () -> false, 1_000_000_000L);
        positions[0] = 40; // the tracker keeps the positions it started from
        t.count();
        t.progressIfDue(positions, 1_100_000_000L);
        assertTrue(reports.isEmpty());
        t.progressIfDue(positions, 1_200_000_000L);
        assertEquals(1, reports.size());
        assertEquals(30, reports.getFirst().done());
        assertEquals(100, reports.getFirst().total());
        t.progress(positions, 1_250_000_000L);
        assertEquals(2, reports.size());
    }

    @Test
    void aTopicIsNotALedgerOnlyAfterEnoughRecordsWithoutAnyEvent() {
        NotALedgerDetector d = new NotALedgerDetector(1_000);
        LedgerState s = new LedgerState(1);
        s.undecodable = 1_000;
        s.problems.add(new Problem(0, 7, "not a ledger event: an empty record"));
        d.check("t", 999, 0, s);
        d.check("t", 5_000, 1, s);
        LedgerReplayException e = assertThrows(LedgerReplayException.class, () -> d.check("t", 1_000, 0, s));
        assertEquals("topic t does not look like a ledger: none of the first 1000 records is a ledger event (1000"
                + " undecodable, 0 of an unknown type; partition 0 offset 7: not a ledger event: an empty record)",
                e.getMessage());
        s.baseEvents = 1; // events from the snapshot the pass started from count
        d.check("t", 1_000, 0, s);
    }

    @Test
    void theTailKeepsTheNewestPercentNearTheEndOfTheRead() {
        long[] read = {0};
        TailPolicy p = new TailPolicy(20_000, 100_000, 10_000_000, () -> read[0]);
        assertEquals(20_000, p.keep());
        assertFalse(p.overfull(100_000));
        assertTrue(p.overfull(100_001));
        read[0] = 9_800_000; // the last 2 %
        assertEquals(100_000, p.keep());
        assertFalse(p.overfull(200_000));
        assertTrue(p.overfull(200_001));
    }

    @Test
    void snapshotsAreCutEveryNRecordsAndTheLastIsSavedAtTheEnd() {
        MemorySnapshotStore store = new MemorySnapshotStore();
        LedgerTopic topic = new LedgerTopic("t", "id", new long[] {0}, new long[] {250});
        LedgerState s = new LedgerState(1);
        long[] read = {0};
        TailPolicy tail = new TailPolicy(10, 100, 250, () -> read[0]);
        SnapshotScheduler snapshots = new SnapshotScheduler(topic, s, store, new ReplayPlanner(store),
                new ArrayList<>(), true, 1, 100, tail);
        read[0] = 99;
        assertFalse(snapshots.due(read[0]));
        read[0] = 100;
        s.positions[0] = 100;
        assertTrue(snapshots.due(read[0]));
        snapshots.cut(read[0], false);
        read[0] = 195;
        s.positions[0] = 195;
        assertFalse(snapshots.due(read[0]));
        snapshots.finish(read[0]); // 95 records since the last cut: more than a tenth of 100
        snapshots.close();
        assertEquals(2, snapshots.written());
        assertEquals(List.of(100L, 195L), store.list("t").stream().map(i -> i.positions()[0]).toList());
    }

    @Test
    void aSnapshotThatCannotBeSavedStopsTheCuttingWithANote() {
        SnapshotStore store = new SnapshotStore() {
            private final MemorySnapshotStore memory = new MemorySnapshotStore();

            @Override
            public List<SnapshotInfo> list(String topic) {
                return memory.list(topic);
            }

            @Override
            public byte[] state(String topic, long seq) {
                return memory.state(topic, seq);
            }

            @Override
            public void save(SnapshotInfo info, byte[] state, Map<Long, byte[]> keysByBucket) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public List<byte[]> keys(String topic, long uptoSeq, long bucket) {
                return memory.keys(topic, uptoSeq, bucket);
            }

            @Override
            public void deleteAll(String topic) {
                memory.deleteAll(topic);
            }

            @Override
            public String openingNotice() {
                return null;
            }

            @Override
            public void close() {
            }
        };
        LedgerTopic topic = new LedgerTopic("t", "id", new long[] {0}, new long[] {1_000});
        LedgerState s = new LedgerState(1);
        List<String> notes = new ArrayList<>();
        SnapshotScheduler snapshots = new SnapshotScheduler(topic, s, store, new ReplayPlanner(store), notes, true,
                1, 100, new TailPolicy(10, 100, 1_000, () -> 100));
        snapshots.cut(100, true);
        assertFalse(snapshots.due(1_000));
        assertEquals(0, snapshots.written());
        assertTrue(notes.getFirst().contains("Snapshots could not be saved (disk full)"), notes.toString());
    }
}
