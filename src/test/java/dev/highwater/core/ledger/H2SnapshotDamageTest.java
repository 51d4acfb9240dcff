package dev.highwater.core.ledger;

import dev.highwater.store.H2SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real H2 snapshots file whose rows changed behind the store's back, as damage H2 does not notice would
 * change them (H2 checks where its pages are, not what they hold): each is caught when the replay first reads
 * it (listing the snapshots, or loading keys half-way through a pass), the file is set aside, and the answer is
 * the full replay's.
 */
class H2SnapshotDamageTest {

    private static final LedgerReplay.Settings SMALL = new LedgerReplay.Settings(10, 2, 8, 100, 1_000_000);

    @TempDir
    Path dir;

    /** A ledger with redeliveries, of which the first half is read once so that snapshots of it are saved. */
    private RandomLedger ledgerWithSnapshotsOfItsFirstHalf(Path file) {
        RandomLedger l = new RandomLedger(42, "ledger");
        for (long seed = 43; l.events.size() < 300; seed++) {
            l = new RandomLedger(seed, "ledger");
        }
        long[] half = l.source.describe("ledger").endOffsets();
        for (int p = 0; p < half.length; p++) {
            half[p] /= 2;
        }
        l.source.visibleEnd = half;
        try (H2SnapshotStore store = H2SnapshotStore.open(file)) {
            AuditReport first = new LedgerReplay(l.source, store, SMALL).balancesAt("ledger",
                    List.of(Instant.ofEpochMilli(l.lastTimestamp)), LedgerReplay.Listener.NONE, () -> false).getFirst();
            assertTrue(store.list("ledger").size() >= 2, "snapshots saved: " + first.notes());
        }
        l.source.visibleEnd = null;
        return l;
    }

    /** Changes the file with SQL, as a damaged page would, leaving H2 nothing to notice. */
    private static void change(Path file, String sql) throws SQLException {
        String base = file.toAbsolutePath().toString().replaceFirst("\\.mv\\.db$", "");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base, "highwater", "");
             Statement s = c.createStatement()) {
            assertTrue(s.executeUpdate(sql) > 0, sql);
        }
    }

    private AuditReport query(RandomLedger l, Path file, long at) {
        try (H2SnapshotStore store = H2SnapshotStore.open(file)) {
            return new LedgerReplay(l.source, store, SMALL).balancesAt("ledger", List.of(Instant.ofEpochMilli(at)),
                    LedgerReplay.Listener.NONE, () -> false).getFirst();
        }
    }

    private void assertFullReplaysAnswerAndFileSetAside(RandomLedger l, AuditReport got, long at) throws IOException {
        AuditReport full = new LedgerReplay(l.source, SnapshotStore.NONE, SMALL).balancesAt("ledger",
                List.of(Instant.ofEpochMilli(at)), LedgerReplay.Listener.NONE, () -> false).getFirst();
        assertEquals(SnapshotReplayPropertyTest.plain(full.balances()),
                SnapshotReplayPropertyTest.plain(got.balances()));
        assertEquals(full.events(), got.events());
        assertEquals(full.duplicates(), got.duplicates());
        assertEquals(1, got.notes().stream().filter(n -> n.contains("kept as")).count(), got.notes().toString());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.filter(p -> p.getFileName().toString().contains(".unreadable-")).count());
        }
    }

    @Test
    void eventKeysThatDifferFromWhatWasWrittenAreCaughtHalfWayThroughAPass() throws Exception {
        Path file = dir.resolve("keys.mv.db");
        RandomLedger l = ledgerWithSnapshotsOfItsFirstHalf(file);
        // every key lost: redeliveries in the second half of events from the first would count twice
        change(file, "UPDATE ledger_snapshot_keys SET event_keys = X''");
        AuditReport got = query(l, file, l.lastTimestamp);
        assertFullReplaysAnswerAndFileSetAside(l, got, l.lastTimestamp);
        assertEquals(0, got.stats().fromSnapshot(), "answered from the records alone");
    }

    @Test
    void missingRowsOfEventKeysAreCaughtWhenTheSnapshotsAreListed() throws Exception {
        Path file = dir.resolve("rows.mv.db");
        RandomLedger l = ledgerWithSnapshotsOfItsFirstHalf(file);
        change(file, "DELETE FROM ledger_snapshot_keys");
        assertFullReplaysAnswerAndFileSetAside(l, query(l, file, l.lastTimestamp), l.lastTimestamp);
    }

    @Test
    void aSnapshotWhoseCutDiffersFromWhatWasWrittenIsCaughtWhenListed() throws Exception {
        Path file = dir.resolve("cut.mv.db");
        RandomLedger l = ledgerWithSnapshotsOfItsFirstHalf(file);
        long lastCut;
        try (H2SnapshotStore store = H2SnapshotStore.open(file)) {
            lastCut = store.list("ledger").getLast().cut();
        }
        // an earlier cut makes the snapshot look usable for an instant its balances are already past
        change(file, "UPDATE ledger_snapshot SET cut = cut - 3600000");
        long at = lastCut - 1;
        assertFullReplaysAnswerAndFileSetAside(l, query(l, file, at), at);
    }
}
