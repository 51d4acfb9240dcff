package dev.highwater.ui.partitions;

import dev.highwater.core.lag.KeySampleSource;
import dev.highwater.core.lag.LagService;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.lag.OffsetsSource;
import dev.highwater.core.lag.PartitionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The group list of a cluster with many groups: searched by part of a name in any case, still the worst first,
 * with its count; the group a person picked stays picked whatever the search, and its charts are kept.
 */
class GroupSearchTest {

    private static final String[] SERVICES = {"payments", "orders", "fraud-check", "billing", "audit"};

    /** 300 groups, each on a topic of its own with 2 partitions; every tenth one far behind. */
    private static final class ManyGroups implements OffsetsSource, KeySampleSource {
        private long reads;

        static String group(int g) {
            return SERVICES[g % SERVICES.length] + "-consumer-" + g;
        }

        @Override
        public Set<String> groups() {
            return Set.of();
        }

        @Override
        public synchronized OffsetsSnapshot read(Set<String> wanted) {
            reads++;
            Map<PartitionId, OffsetsSnapshot.LogOffsets> logs = new HashMap<>();
            List<OffsetsSnapshot.GroupOffsets> groups = new ArrayList<>();
            for (int g = 0; g < 300; g++) {
                Map<PartitionId, Long> committed = new HashMap<>();
                for (int p = 0; p < 2; p++) {
                    PartitionId id = new PartitionId("topic-" + g, p);
                    long end = 1_000 * reads;
                    logs.put(id, new OffsetsSnapshot.LogOffsets(id, 0, end));
                    committed.put(id, g % 10 == 2 ? (long) g : end - g);
                }
                groups.add(new OffsetsSnapshot.GroupOffsets(group(g), "Stable", List.of(), committed, Map.of()));
            }
            return new OffsetsSnapshot(System.currentTimeMillis(), null, logs, groups);
        }

        @Override
        public List<SampledKey> sample(String topic, int perPartition) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private final ManyGroups cluster = new ManyGroups();
    private final LagService service = new LagService(cluster, cluster, null, "many", LagSettings.defaults(),
            Clock.systemUTC());
    private final QueuedUiThread ui = new QueuedUiThread();
    private final PartitionsModel model = new PartitionsModel(service, ui);

    @AfterEach
    void close() {
        model.dispose();
        service.close();
    }

    private void refresh() {
        service.refresh();
        ui.runPending();
    }

    private List<String> shown() {
        return model.groups().stream().map(GroupSummary::groupId).toList();
    }

    @Test
    void theListIsSearchedInAnyCaseStillWorstFirstWithItsCount() {
        refresh();
        assertEquals(300, model.groups().size());
        assertEquals("300 groups", model.groupCountProperty().get());

        model.setGroupFilter("  FRAUD-Check ");
        assertEquals(60, model.groups().size());
        assertTrue(shown().stream().allMatch(g -> g.startsWith("fraud-check-consumer-")), shown().toString());
        assertEquals("60 of 300 groups", model.groupCountProperty().get());
        assertEquals("fraud-check-consumer-2", shown().getFirst(), "the one lagging most, of those that match");

        refresh();
        assertEquals(60, model.groups().size(), "a refresh keeps the search");
        model.setGroupFilter("nothing-like-it");
        assertEquals(List.of(), shown());
        assertEquals("0 of 300 groups", model.groupCountProperty().get());
        model.setGroupFilter("");
        assertEquals(300, model.groups().size());
    }

    @Test
    void thePickedGroupStaysPickedWhateverTheSearchAndItsChartsAreKept() throws InterruptedException {
        refresh();
        model.selectGroup("audit-consumer-4");
        model.setGroupFilter("billing");
        refresh();
        assertEquals("audit-consumer-4", model.selectedGroupProperty().get());
        assertTrue(shown().stream().noneMatch(g -> g.equals("audit-consumer-4")));
        assertEquals(2, model.partitionRows().size(), "its partitions are still shown");

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (service.history().opened().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        refresh();
        assertEquals(Set.of("fraud-check-consumer-2", "audit-consumer-4"), service.history().groupsWithSeries(),
                "chart series are kept for the group the screen opened on and the one picked, not for 300");
    }
}
