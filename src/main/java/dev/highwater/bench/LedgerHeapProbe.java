package dev.highwater.bench;

import dev.highwater.core.ledger.AuditReport;
import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.ledger.SnapshotStore;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.ledger.KafkaLedgerSource;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.List;

/**
 * Run in a JVM of its own with a capped heap: replays a topic and prints the heap it needed, so the bench can
 * say both that the replay fits the cap and how close it came.
 */
public final class LedgerHeapProbe {

    private LedgerHeapProbe() {
    }

    public static void main(String[] args) {
        LiveHeap live = LiveHeap.watch();
        try (KafkaLedgerSource source = new KafkaLedgerSource(ClientSettings.of(args[0]))) {
            AuditReport r = new LedgerReplay(source, SnapshotStore.NONE, LedgerReplay.Settings.defaults())
                    .balancesAt(args[1], List.of(Instant.now()), LedgerReplay.Listener.NONE, () -> false).getFirst();
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.gc();
            long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.println("accounts=" + r.balances().size() + " events=" + r.events() + " peak=" + peak
                    + " retained=" + retained + " live=" + live.highest());
        }
    }
}
