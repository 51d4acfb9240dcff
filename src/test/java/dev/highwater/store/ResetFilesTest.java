package dev.highwater.store;

import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.offsets.ResetException;
import dev.highwater.core.offsets.ResetPlan;
import dev.highwater.core.offsets.ResetRecord;
import dev.highwater.core.offsets.ResetTarget;
import dev.highwater.core.offsets.UndoCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reset history keeps what a reset replaced, in the file kafka-consumer-groups reads, and survives a torn line. */
class ResetFilesTest {

    private static final PartitionId P0 = new PartitionId("payments.v1", 0);
    private static final PartitionId P1 = new PartitionId("payments.v1", 1);
    private static final PartitionId P2 = new PartitionId("payments.v1", 2);

    private static ResetPlan plan(String group) {
        Map<PartitionId, Long> committed = new LinkedHashMap<>();
        committed.put(P0, 40L);
        committed.put(P1, 7L);
        committed.put(P2, null); // never committed: nothing to put back
        return ResetPlan.of(group, new ResetTarget.Earliest(), committed, Map.of(P0, 0L, P1, 0L, P2, 0L),
                Map.of(P0, 50L, P1, 9L, P2, 3L), Map.of(), 0, "Empty");
    }

    @Test
    void keepsThePreviousOffsetsAsAnUndoCsvAndListsTheReset(@TempDir Path dir) throws Exception {
        ResetFiles files = new ResetFiles(dir.resolve("resets"));
        Instant at = Instant.parse("2026-03-15T09:00:00Z");
        ResetRecord r = files.keepBefore(plan("billing/eu"), "kafka:9092", at);

        assertEquals("payments.v1,0,40\npayments.v1,1,7\n", Files.readString(r.undoFile(), StandardCharsets.UTF_8));
        assertEquals(Map.of(P0, 40L, P1, 7L), UndoCsv.parse(Files.readString(r.undoFile())));
        assertTrue(r.undoFile().getFileName().toString().endsWith("-billing_eu.csv"), r.undoFile().toString());
        assertEquals(3, r.moved());
        assertEquals("kafka:9092", r.cluster());
        assertEquals(List.of(r), files.between("billing/eu", at, at));
        assertEquals(List.of(), files.between("billing/eu", at.plusSeconds(1), at.plusSeconds(60)));
        assertEquals(List.of(), files.between("other", at, at));
    }

    @Test
    void theLastResetOfAGroupIsTheNewestAndATornLineIsSkipped(@TempDir Path dir) throws Exception {
        ResetFiles files = new ResetFiles(dir);
        Instant t = Instant.parse("2026-03-15T09:00:00Z");
        files.keepBefore(plan("billing"), "kafka:9092", t);
        Files.writeString(dir.resolve("journal.jsonl"), "{\"at\":\"2026-03-15T09:0", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND); // a crash mid-write
        Files.writeString(dir.resolve("journal.jsonl"), "\n", java.nio.file.StandardOpenOption.APPEND);
        ResetRecord second = files.keepBefore(plan("billing"), "kafka:9092", t.plusSeconds(30));

        assertEquals(second, files.last("billing").orElseThrow());
        assertEquals(2, files.between("billing", t, t.plusSeconds(30)).size());
    }

    @Test
    void aFolderThatCannotBeWrittenRefusesWithAReason(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("resets"), "a file where the folder should be");
        ResetException e = assertThrows(ResetException.class,
                () -> new ResetFiles(notAFolder).keepBefore(plan("billing"), "kafka:9092", Instant.EPOCH));
        assertTrue(e.getMessage().contains("the reset was not applied"), e.getMessage());
    }

    @Test
    void anUndoFileWithABadLineNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UndoCsv.parse("payments.v1,0,40\npayments.v1,one,7\n"));
        assertEquals("line 2 ('payments.v1,one,7') is not topic,partition,offset with a partition and an offset of 0"
                + " or more", e.getMessage());
    }
}
