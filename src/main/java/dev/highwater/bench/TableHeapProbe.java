package dev.highwater.bench;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.table.TableAt;
import dev.highwater.core.table.TableReplay;
import dev.highwater.kafka.ledger.KafkaLedgerSource;
import dev.highwater.store.H2TableSnapshotStore;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a JVM of its own with a capped heap: a topic's state at now, its state saved to an H2 file as a question
 * does, then the same question again from the saved state; prints the heap the first needed and what each read.
 */
public final class TableHeapProbe {

    private TableHeapProbe() {
    }

    /** @param args bootstrap servers, topic, the snapshots file */
    public static void main(String[] args) {
        LiveHeap live = LiveHeap.watch();
        try (KafkaLedgerSource source = new KafkaLedgerSource(ClientSettings.of(args[0]));
             H2TableSnapshotStore store = H2TableSnapshotStore.open(Path.of(args[2]))) {
            TableReplay replay = new TableReplay(source, store, TableReplay.Settings.defaults());
            Instant now = Instant.now();
            long t0 = System.nanoTime();
            TableAt first = replay.at(args[1], now, LedgerReplay.Listener.NONE, () -> false);
            double firstSeconds = (System.nanoTime() - t0) / 1e9;
            long firstLive = live.highestHeap();
            String firstFigures = "keys=" + first.size() + " read=" + first.stats().recordsRead() + " seconds="
                    + firstSeconds + " saved=" + first.stats().snapshotsWritten() + " live=" + firstLive;
            // one full collection with the answer still held: what the question keeps alive, measured on every run
            // (a small topic may otherwise never see a full collection)
            System.gc();
            long held = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            first = null; // the answer is let go, as a screen lets go of one when it asks again
            long t1 = System.nanoTime();
            TableAt second = replay.at(args[1], now, LedgerReplay.Listener.NONE, () -> false);
            double secondSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.println(firstFigures + " again_read=" + second.stats().recordsRead() + " again_seconds=" + secondSeconds
                    + " again_keys=" + second.size() + " again_live=" + live.highestHeap() + " full_live="
                    + Math.max(held, live.highestAfterFull()) + " full_collections=" + live.fullCollections());
        }
    }
}
