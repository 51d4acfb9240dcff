package dev.highwater.core.ledger;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact or refused, over thousands of generated hostile ledgers: amounts at and past the bounds, account ids that
 * are not text or are 70,000 bytes long, redeliveries, event ids reused for other events, malformed records.
 * Every audit, from snapshots or a full replay, with snapshots intact or damaged, equals the plain fold of
 * {@link RandomLedger#expected}, written apart from the engine.
 */
class AuditIntegrityPropertyTest {

    @Test
    void hostileLedgersAreAnsweredExactlyWithAndWithoutSnapshots() {
        int used = 0;
        for (long seed = 0; seed < 1_500; seed++) {
            used += SnapshotReplayPropertyTest.check(seed, new MemorySnapshotStore(), true, r -> { });
        }
        assertTrue(used > 1_000, "queries answered from a snapshot: " + used);
    }

    @Test
    void damagedSnapshotsNeverChangeAnAnswer() {
        int used = 0;
        for (long seed = 5_000; seed < 5_500; seed++) {
            MemorySnapshotStore store = new MemorySnapshotStore();
            used += SnapshotReplayPropertyTest.check(seed, store, seed % 2 == 0, r -> damage(store, r));
        }
        assertTrue(used > 100, "queries answered from a snapshot: " + used);
    }

    /** Now and then flips, cuts or splices the bytes of one saved state or set of event ids. */
    private static void damage(MemorySnapshotStore store, Random r) {
        if (r.nextInt(3) != 0) {
            return;
        }
        synchronized (store) {
            List<Map.Entry<String, byte[]>> blobs = new ArrayList<>(store.states.entrySet());
            store.keys.forEach((k, list) -> {
                for (int i = 0; i < list.size(); i++) {
                    int at = i;
                    blobs.add(Map.entry(k + "#" + i, list.get(at)));
                }
            });
            if (blobs.isEmpty()) {
                return;
            }
            Map.Entry<String, byte[]> victim = blobs.get(r.nextInt(blobs.size()));
            byte[] b = victim.getValue().clone();
            if (b.length == 0) {
                return;
            }
            switch (r.nextInt(3)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
                default -> {
                    for (int i = r.nextInt(b.length); i < b.length && r.nextInt(8) != 0; i++) {
                        b[i] = (byte) r.nextInt(256);
                    }
                }
            }
            String key = victim.getKey();
            if (store.states.containsKey(key)) {
                store.states.put(key, b);
            } else {
                int hash = key.lastIndexOf('#');
                store.keys.get(key.substring(0, hash)).set(Integer.parseInt(key.substring(hash + 1)), b);
            }
        }
    }
}
