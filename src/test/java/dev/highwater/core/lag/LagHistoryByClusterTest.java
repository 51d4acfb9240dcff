package dev.highwater.core.lag;

import dev.highwater.store.H2LagHistoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stored lag history belongs to a cluster's identity, not its address: a demo broker started afresh at the same
 * bootstrap servers (a new cluster id) never brings the old broker's lag into the charts.
 */
class LagHistoryByClusterTest {

    /** One address, whose cluster id the test changes as a restarted broker would. */
    private static final class Address implements OffsetsSource {
        final FakeCluster cluster = new FakeCluster().topic("payments", 1);
        volatile String clusterId;

        @Override
        public Set<String> groups() {
            return Set.of();
        }

        @Override
        public OffsetsSnapshot read(Set<String> groups) {
            return cluster.snapshot(System.currentTimeMillis());
        }

        @Override
        public String clusterId() {
            return clusterId;
        }

        @Override
        public void close() {
        }
    }

    private static final KeySampleSource NO_KEYS = new KeySampleSource() {
        @Override
        public List<SampledKey> sample(String topic, int perPartition) {
            return List.of();
        }

        @Override
        public void close() {
        }
    };

    @Test
    void aNewClusterAtTheSameAddressStartsWithoutTheOldOnesHistory(@TempDir Path dir) throws InterruptedException {
        Address address = new Address();
        PartitionId p0 = FakeCluster.p("payments", 0);
        address.cluster.produce(p0, 310_000);
        address.cluster.group("ledger").commit(p0, 0);
        H2LagHistoryStore store = H2LagHistoryStore.open(dir.resolve("lag-history"));
        try (LagService service = new LagService(address, NO_KEYS, store, "localhost:9092", LagSettings.defaults(),
                Clock.systemUTC())) {
            service.openGroup("ledger");
            address.clusterId = "old-demo";
            service.refresh();
            awaitStored(service, 1);
            assertEquals(310_000L, service.storedSince("ledger", 0).getFirst().lag());

            // the demo restarted: same address, a new cluster id, far less lag
            address.clusterId = "new-demo";
            address.cluster.group("ledger").commit(p0, 310_000 - 43_000);
            service.refresh();
            awaitStored(service, 1);
            List<LagSample> shown = service.storedSince("ledger", 0);
            assertTrue(shown.stream().allMatch(s -> s.lag() == 43_000L),
                    "only the new cluster's history is read back: " + shown);
            assertTrue(service.history().lag("ledger", p0).orElseThrow().snapshot().values()[0] == 43_000,
                    "the in-memory series start again too");

            assertEquals(310_000L, store.since("old-demo", "ledger", 0).getFirst().lag(),
                    "the old cluster's history is still there, under its own id");
        }
    }

    /** Storing is handed to a thread of its own: waits until the cluster now answering has this many refreshes. */
    private static void awaitStored(LagService service, int refreshes) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (service.storedSince("ledger", 0).stream().filter(LagSample::isGroupTotal).count() < refreshes
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
