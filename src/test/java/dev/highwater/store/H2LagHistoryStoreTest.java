package dev.highwater.store;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.GroupStatus;
import dev.highwater.core.lag.LagHistoryStore;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagSample;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.lag.PartitionLag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lag history in a real H2 file: survives a reopen, prunes, skips gaps, and survives a corrupt file. */
class H2LagHistoryStoreTest {

    @TempDir
    Path dir;

    @Test
    void historySurvivesAReopenWithGroupTotalsAndNullsKept() {
        Path file = dir.resolve("history");
        try (H2LagHistoryStore store = H2LagHistoryStore.open(file)) {
            store.append("kafka:9092", refresh(1_000, 120L));
            store.append("kafka:9092", refresh(2_000, null));
            store.append("other:9092", refresh(2_000, 5L));
        }
        try (H2LagHistoryStore store = H2LagHistoryStore.open(file)) {
            List<LagSample> samples = store.since("kafka:9092", "g", 0);
            assertEquals(6, samples.size(), "two partitions and a total, twice: " + samples);
            LagSample first = samples.stream().filter(s -> s.atMillis() == 1_000 && s.partition().partition() == 1)
                    .findFirst().orElseThrow();
            assertEquals(120L, first.lag());
            assertEquals(3.5, first.lagSeconds());
            assertNull(samples.stream().filter(s -> s.atMillis() == 2_000 && s.partition().partition() == 1)
                    .findFirst().orElseThrow().lag(), "no committed offset stays null, not 0");
            assertTrue(samples.stream().anyMatch(LagSample::isGroupTotal));
            assertEquals(3, store.since("kafka:9092", "g", 1_500).size(), "from 1.5 s on: the second refresh only");
        }
    }

    @Test
    void aDisconnectedRefreshWritesNothingAndPruningDropsOldSamples() {
        try (H2LagHistoryStore store = H2LagHistoryStore.open(dir.resolve("history"))) {
            store.append("c", new LagRefresh(500, "No answer from c", List.of(), List.of()));
            store.append("c", refresh(1_000, 1L));
            store.append("c", refresh(90_000, 2L));
            assertEquals(3, store.pruneBefore(60_000));
            assertTrue(store.since("c", "g", 0).stream().allMatch(s -> s.atMillis() == 90_000));
        }
    }

    @Test
    void refreshesWrittenAtOnceKeepPartitionsOnlyOfTheGroupsNamedAndTheirRowsArePrunedSooner() {
        try (H2LagHistoryStore store = H2LagHistoryStore.open(dir.resolve("history"))) {
            store.append("c", List.of(new LagHistoryStore.Kept(refresh(1_000, 1L), Set.of("g")),
                    new LagHistoryStore.Kept(refresh(2_000, 2L), Set.of()),
                    new LagHistoryStore.Kept(new LagRefresh(2_500, "No answer", List.of(), List.of()), Set.of()),
                    new LagHistoryStore.Kept(refresh(3_000, 3L), Set.of("g"))));
            List<LagSample> kept = store.since("c", "g", 0);
            assertEquals(List.of(1_000L, 1_000L, 1_000L, 2_000L, 3_000L, 3_000L, 3_000L),
                    kept.stream().map(LagSample::atMillis).toList(), "the second refresh's totals only");

            assertEquals(2, store.pruneBefore(0, 2_500), "the first refresh's partitions, not its totals");
            assertEquals(List.of(1_000L, 2_000L, 3_000L, 3_000L, 3_000L),
                    store.since("c", "g", 0).stream().map(LagSample::atMillis).toList());
        }
    }

    @Test
    void aCorruptFileIsSetAsideAndANewOneStarted() throws Exception {
        Path file = dir.resolve("history.mv.db");
        Files.write(file, IntStream.range(0, 8192).mapToObj(i -> "garbage ").reduce("", String::concat).getBytes());
        try (H2LagHistoryStore store = H2LagHistoryStore.open(file)) {
            assertNotNull(store.openingNotice());
            assertTrue(store.openingNotice().contains("could not be read"), store.openingNotice());
            store.append("c", refresh(1_000, 1L));
            assertEquals(3, store.since("c", "g", 0).size());
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().contains(".unreadable-")), "the old file is kept");
        }
    }

    private static LagRefresh refresh(long at, Long lag) {
        List<PartitionLag> partitions = List.of(
                new PartitionLag(new PartitionId("t", 0), 10L, 10, 0L, 0.0, false, 5.0, 5.0, 0.0, "c1", false, 0.5, GroupStatus.OK),
                new PartitionLag(new PartitionId("t", 1), lag == null ? null : 100L, 220, lag, lag == null ? null : 3.5,
                        false, 5.0, 4.0, null, "c1", true, 0.5, GroupStatus.LAGGING));
        GroupLag g = new GroupLag("g", "Stable", GroupStatus.OK, "ok", lag == null ? 0 : lag, 3.5, partitions, List.of(), 0);
        return new LagRefresh(at, null, List.of(g), List.of());
    }
}
