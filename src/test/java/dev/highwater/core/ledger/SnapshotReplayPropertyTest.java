package dev.highwater.core.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The promise of snapshots: over random ledgers with redeliveries and late events, at random instants, a query
 * that starts from whatever snapshots earlier queries cut (as the topic grew) answers exactly as a full replay,
 * and the full replay answers as the audit semantics say.
 */
class SnapshotReplayPropertyTest {

    static Map<String, String> plain(BalanceTable t) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            m.put(t.account(i), t.balance(i).toPlainString());
        }
        return m;
    }


    /** Runs one random ledger through growth stages and queries; returns how many queries used a snapshot. */
    static int check(long seed, SnapshotStore store) {
        return check(seed, store, false, r -> { });
    }

    /**
     * The same over a ledger that is hostile or not, with {@code damage} called on the snapshots kept before
     * each query (to break some of them): answers stay exact whatever it does.
     */
    static int check(long seed, SnapshotStore store, boolean hostile, java.util.function.Consumer<Random> damage) {
        Random r = new Random(seed * 31 + 7);
        RandomLedger ledger = new RandomLedger(seed, "ledger", hostile);
        ListLedgerSource source = ledger.source;
        LedgerReplay.Settings small = new LedgerReplay.Settings(1 + r.nextInt(40), r.nextInt(6), 5 + r.nextInt(20),
                1_000, 1_000_000);
        LedgerReplay assisted = new LedgerReplay(source, store, small);
        LedgerReplay full = new LedgerReplay(source, SnapshotStore.NONE, small);
        int fromSnapshot = 0;
        int stages = 1 + r.nextInt(4);
        for (int stage = 1; stage <= stages; stage++) {
            long[] end = new long[source.partitions.size()];
            for (int p = 0; p < end.length; p++) {
                end[p] = (long) source.partitions.get(p).size() * stage / stages;
            }
            source.visibleEnd = end;
            for (int q = 0; q < 3; q++) {
                long span = ledger.lastTimestamp - ledger.firstTimestamp + 1_200_000;
                long t = ledger.firstTimestamp - 600_000 + (long) (r.nextDouble() * span);
                List<Instant> at = r.nextInt(4) == 0
                        ? List.of(Instant.ofEpochMilli(t), Instant.ofEpochMilli(t + r.nextInt(300_000)))
                        : List.of(Instant.ofEpochMilli(t));
                damage.accept(r);
                List<AuditReport> got = assisted.balancesAt("ledger", at, LedgerReplay.Listener.NONE, () -> false);
                List<AuditReport> want = full.balancesAt("ledger", at, LedgerReplay.Listener.NONE, () -> false);
                if (got.getFirst().stats().fromSnapshot() > 0) {
                    fromSnapshot++;
                }
                for (int i = 0; i < at.size(); i++) {
                    String what = "seed " + seed + " stage " + stage + " at " + at.get(i) + " from snapshot "
                            + got.get(i).stats().fromSnapshot();
                    assertEquals(plain(want.get(i).balances()), plain(got.get(i).balances()), what);
                    assertEquals(want.get(i).events(), got.get(i).events(), what);
                    assertEquals(want.get(i).duplicates(), got.get(i).duplicates(), what);
                    assertEquals(want.get(i).undecodable(), got.get(i).undecodable(), what);
                    assertEquals(want.get(i).unknownType(), got.get(i).unknownType(), what);
                    assertEquals(want.get(i).conflicts(), got.get(i).conflicts(), what);
                    RandomLedger.Expected expected = ledger.expected(at.get(i).toEpochMilli());
                    assertEquals(expected.balances(), plain(want.get(i).balances()), "full replay vs the semantics, " + what);
                    assertEquals(expected.events(), want.get(i).events(), "events, " + what);
                    assertEquals(expected.duplicates(), want.get(i).duplicates(), "redeliveries, " + what);
                    assertEquals(expected.conflicts(), want.get(i).conflicts(), "conflicts, " + what);
                    assertEquals(expected.undecodable(), want.get(i).undecodable(), "undecodable, " + what);
                    assertEquals(expected.unknownType(), want.get(i).unknownType(), "unknown type, " + what);
                }
            }
        }
        return fromSnapshot;
    }

    @Test
    void snapshotAssistedAnswersEqualFullReplays() {
        int used = 0;
        for (long seed = 0; seed < 300; seed++) {
            used += check(seed, new MemorySnapshotStore());
        }
        // the property means something only if snapshots were really used
        org.junit.jupiter.api.Assertions.assertTrue(used > 200, "queries answered from a snapshot: " + used);
    }
}
