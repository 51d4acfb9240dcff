package dev.highwater.core.ledger;

import dev.highwater.store.H2SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshots in a real H2 file: exact answers, whole writes only, and files or cuts that do not fit rebuilt. */
class H2SnapshotReplayTest {

    @TempDir
    Path dir;

    private static final LedgerReplay.Settings SMALL = new LedgerReplay.Settings(10, 2, 8, 100, 1_000_000);

    @Test
    void snapshotAssistedAnswersEqualFullReplaysWithAnH2File() {
        int used = 0;
        for (long seed = 1000; seed < 1030; seed++) {
            try (H2SnapshotStore store = H2SnapshotStore.open(dir.resolve("s" + seed))) {
                used += SnapshotReplayPropertyTest.check(seed, store);
            }
        }
        assertTrue(used > 15, "queries answered from a snapshot: " + used);
    }

    @Test
    void aSnapshotIsSavedWholeOrNotAtAll() {
        try (H2SnapshotStore store = H2SnapshotStore.open(dir.resolve("atomic"))) {
            SnapshotInfo info = new SnapshotInfo("t", 1, "id", new long[] {5}, 0, 5, 0);
            Map<Long, byte[]> failing = new java.util.HashMap<>() {
                @Override
                public java.util.Set<Map.Entry<Long, byte[]>> entrySet() {
                    throw new IllegalStateException("the disk went away");
                }
            };
            assertThrows(RuntimeException.class, () -> store.save(info, new byte[] {1}, failing));
            assertEquals(List.of(), store.list("t"), "no half snapshot is left behind");
            store.save(info, new byte[] {1}, Map.of(3L, new byte[16]));
            assertEquals(1, store.list("t").size());
            assertEquals(1, store.keys("t", 1, 3).size());
        }
    }

    private static RandomLedger ledger(long seed) {
        RandomLedger l = new RandomLedger(seed, "ledger");
        while (l.events.size() < 100) {
            l = new RandomLedger(++seed, "ledger");
        }
        return l;
    }

    @Test
    void snapshotsOfARecreatedTopicAreDroppedAndRebuilt() {
        RandomLedger l = ledger(7);
        try (H2SnapshotStore store = H2SnapshotStore.open(dir.resolve("recreated"))) {
            LedgerReplay replay = new LedgerReplay(l.source, store, SMALL);
            Instant end = Instant.ofEpochMilli(l.lastTimestamp);
            replay.balancesAt("ledger", List.of(end), LedgerReplay.Listener.NONE, () -> false);
            assertTrue(!store.list("ledger").isEmpty());
            l.source.topicId = "topic-id-2";
            AuditReport again = replay.balancesAt("ledger", List.of(end), LedgerReplay.Listener.NONE, () -> false)
                    .getFirst();
            assertTrue(again.notes().getFirst().contains("deleted and created again"), again.notes().toString());
            assertEquals(0, again.stats().fromSnapshot());
            assertTrue(store.list("ledger").stream().allMatch(s -> s.topicId().equals("topic-id-2")));
            // a shorter topic than the snapshots say (offsets beyond its end)
            long[] shorter = l.source.describe("ledger").endOffsets();
            for (int p = 0; p < shorter.length; p++) {
                shorter[p] = shorter[p] / 2;
            }
            l.source.visibleEnd = shorter;
            AuditReport third = replay.balancesAt("ledger", List.of(end), LedgerReplay.Listener.NONE, () -> false)
                    .getFirst();
            assertTrue(third.notes().getFirst().contains("no longer fit"), third.notes().toString());
            assertEquals(l.expected(end.toEpochMilli()).balances(),
                    SnapshotReplayPropertyTest.plain(third.balances()));
        }
    }

    @Test
    void aCorruptSnapshotIsRebuiltAndSaid() {
        RandomLedger l = ledger(11);
        MemorySnapshotStore store = new MemorySnapshotStore();
        LedgerReplay replay = new LedgerReplay(l.source, store, SMALL);
        Instant end = Instant.ofEpochMilli(l.lastTimestamp);
        replay.balancesAt("ledger", List.of(end), LedgerReplay.Listener.NONE, () -> false);
        store.states.replaceAll((k, v) -> {
            byte[] bad = v.clone();
            bad[bad.length / 2] ^= 0x55;
            return bad;
        });
        AuditReport r = replay.balancesAt("ledger", List.of(end), LedgerReplay.Listener.NONE, () -> false).getFirst();
        assertTrue(r.notes().getFirst().contains("could not be read"), r.notes().toString());
        assertEquals(l.expected(end.toEpochMilli()).balances(),
                SnapshotReplayPropertyTest.plain(r.balances()));
    }

    @Test
    void aFileThatIsNotASnapshotFileIsSetAsideAndSaid() throws Exception {
        Path garbage = dir.resolve("garbage.mv.db");
        Files.write(garbage, "not a database at all".repeat(100).getBytes());
        try (H2SnapshotStore store = H2SnapshotStore.open(garbage)) {
            assertTrue(store.openingNotice() != null && store.openingNotice().contains("kept as"),
                    String.valueOf(store.openingNotice()));
            assertEquals(List.of(), store.list("x"));
        }
        Path lagFile = dir.resolve("lag");
        dev.highwater.store.H2LagHistoryStore.open(lagFile).close();
        try (H2SnapshotStore store = H2SnapshotStore.open(lagFile)) {
            assertTrue(store.openingNotice() != null && store.openingNotice().contains("not a ledger-snapshots file"),
                    String.valueOf(store.openingNotice()));
        }
    }

    @Test
    void cancellingStopsTheReplay() {
        RandomLedger l = ledger(3);
        LedgerReplay replay = new LedgerReplay(l.source, SnapshotStore.NONE,
                new LedgerReplay.Settings(10, 2, 8, 100, 1_000_000));
        // the check runs every 1,024 records: make the topic long enough
        for (int i = 0; i < 3000; i++) {
            l.source.add(0, null, LedgerEventCodec.toJson(l.events.getFirst()));
        }
        assertThrows(ReplayCancelledException.class, () -> replay.balancesAt("ledger",
                List.of(Instant.now()), LedgerReplay.Listener.NONE, () -> true));
    }

    /**
     * Generated hostile ledgers growing in stages, each question asked with the snapshots file opened anew and
     * now and then damaged between questions (random bytes anywhere, cut short): every answer equals the plain
     * fold of the semantics, and the file stays usable from one question to the next.
     */
    @Test
    void answersStayExactWhenTheSnapshotsFileIsDamagedBetweenQuestions() throws Exception {
        int used = 0;
        for (long seed = 9_000; seed < 9_025; seed++) {
            java.util.Random r = new java.util.Random(seed);
            RandomLedger l = new RandomLedger(seed, "ledger", true);
            Path file = dir.resolve("damaged-" + seed + ".mv.db");
            for (int stage = 1; stage <= 3; stage++) {
                long[] end = new long[l.source.partitions.size()];
                for (int p = 0; p < end.length; p++) {
                    end[p] = (long) l.source.partitions.get(p).size() * stage / 3;
                }
                l.source.visibleEnd = end;
                for (int q = 0; q < 2; q++) {
                    if (Files.exists(file) && r.nextInt(3) == 0) {
                        damage(file, r);
                    }
                    long t = l.firstTimestamp + (long) (r.nextDouble() * (l.lastTimestamp - l.firstTimestamp + 1));
                    AuditReport got;
                    try (H2SnapshotStore store = H2SnapshotStore.open(file)) {
                        got = new LedgerReplay(l.source, store, SMALL).balancesAt("ledger",
                                List.of(Instant.ofEpochMilli(t)), LedgerReplay.Listener.NONE, () -> false).getFirst();
                    }
                    used += got.stats().fromSnapshot() > 0 ? 1 : 0;
                    RandomLedger.Expected want = l.expected(t);
                    String what = "seed " + seed + " stage " + stage + " query " + q + " " + got.notes();
                    assertEquals(want.balances(), SnapshotReplayPropertyTest.plain(got.balances()), what);
                    assertEquals(want.events(), got.events(), what);
                    assertEquals(want.duplicates(), got.duplicates(), what);
                    assertEquals(want.conflicts(), got.conflicts(), what);
                }
            }
        }
        assertTrue(used > 10, "questions answered from a snapshot: " + used);
    }

    private static void damage(Path file, java.util.Random r) throws java.io.IOException {
        long size = Files.size(file);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            if (r.nextInt(4) == 0) {
                ch.truncate(size / 2);
                return;
            }
            byte[] junk = new byte[(int) Math.min(size, 1 + r.nextInt(64 * 1024))];
            r.nextBytes(junk);
            ch.write(java.nio.ByteBuffer.wrap(junk), (long) (r.nextDouble() * (size - junk.length)));
        }
    }
}
