package dev.highwater.cli;

import dev.highwater.core.lag.LagMonitor;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.lag.PartitionId;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each format: the first answer from one read (what one read cannot tell is unknown), and a refresh the cluster
 * did not answer (the values read before, said to be stale, no rates).
 */
class LagTableWriterTest {

    private static final long T0 = Instant.parse("2026-03-15T09:00:00Z").toEpochMilli();
    private static final PartitionId P0 = new PartitionId("payments", 0);
    private static final String WHY = "No answer from b:9092 within 5 s: check the address and that the cluster is up";

    private static OffsetsSnapshot read(long at, long end, long committed) {
        OffsetsSnapshot.Member member = new OffsetsSnapshot.Member("m1", "app-1", "/10.0.0.1", Set.of(P0));
        return new OffsetsSnapshot(at, null, Map.of(P0, new OffsetsSnapshot.LogOffsets(P0, 0, end)),
                List.of(new OffsetsSnapshot.GroupOffsets("billing", "Stable", List.of(member), Map.of(P0, committed),
                        Map.of())));
    }

    /** Two reads a second apart (100 records/s each way), then one the cluster did not answer. */
    private static List<LagRefresh> liveThenStale() {
        LagMonitor monitor = new LagMonitor(LagSettings.defaults());
        monitor.update(read(T0, 100, 50));
        LagRefresh live = monitor.update(read(T0 + 1_000, 200, 150));
        LagRefresh stale = monitor.update(OffsetsSnapshot.disconnected(T0 + 2_000, WHY));
        return List.of(live, stale);
    }

    private static String write(String format, LagRefresh refresh, boolean oneRead) {
        StringWriter text = new StringWriter();
        new LagTableWriter(new PrintWriter(text, true), format).write(refresh, true, oneRead);
        return text.toString();
    }

    private static String write(String format, List<LagRefresh> refreshes) {
        StringWriter text = new StringWriter();
        LagTableWriter writer = new LagTableWriter(new PrintWriter(text, true), format);
        for (int i = 0; i < refreshes.size(); i++) {
            writer.write(refreshes.get(i), i == 0);
        }
        return text.toString();
    }

    /** One read of a group lagging on payments-0 and caught up on payments-1. */
    private static LagRefresh oneRead() {
        PartitionId p1 = new PartitionId("payments", 1);
        OffsetsSnapshot.Member member = new OffsetsSnapshot.Member("m1", "app-1", "/10.0.0.1", Set.of(P0, p1));
        OffsetsSnapshot read = new OffsetsSnapshot(T0, null, Map.of(P0, new OffsetsSnapshot.LogOffsets(P0, 0, 100),
                p1, new OffsetsSnapshot.LogOffsets(p1, 0, 80)),
                List.of(new OffsetsSnapshot.GroupOffsets("billing", "Stable", List.of(member),
                        Map.of(P0, 50L, p1, 80L),
                        Map.of(P0, new OffsetsSnapshot.RecordTime(50, T0 - 4_000, false)))));
        return new LagMonitor(LagSettings.defaults()).update(read);
    }

    @Test
    void oneReadSaysLagAndItsAgeAndLeavesRatesAndTheTrendUnknownInEachFormat() {
        String json = write("json", oneRead(), true);
        assertTrue(json.contains("{\"topic\":\"payments\",\"partition\":0,\"committed\":50,\"end\":100,\"lag\":50,"
                + "\"lagSeconds\":4,\"produceRate\":null,\"consumeRate\":null,\"hot\":false,"
                + "\"lagSecondsEstimated\":false,\"secondsToDrain\":null,\"owner\":\"app-1\",\"status\":null}"), json);
        assertTrue(json.contains("\"lag\":0,\"lagSeconds\":0,") && json.contains("\"secondsToDrain\":0,"
                + "\"owner\":\"app-1\",\"status\":\"OK\"}"), "caught up is known from one read: " + json);
        assertTrue(json.contains(",\"state\":\"Stable\",\"status\":null,\"statusReason\":\"One read: "), json);

        List<String> csv = write("csv", oneRead(), true).lines().toList();
        assertTrue(csv.get(1).startsWith("2026-03-15T09:00:00Z,billing,payments,0,50,100,50,4.000,,,false,,app-1,"),
                csv.get(1));
        assertTrue(csv.get(2).contains(",false,OK,app-1,"), csv.get(2));

        List<String> table = write("table", oneRead(), true).lines().toList();
        assertTrue(table.getFirst().startsWith("2026-03-15T09:00:00Z  group billing  Stable  —  total lag 50"),
                table.getFirst());
        String row = table.stream().filter(l -> l.startsWith("payments-0")).findFirst().orElseThrow();
        assertTrue(row.matches("payments-0 +50 +100 +50 +4\\.0 s +— +— +— .*"), row);
    }

    @Test
    void theTableSaysSinceWhenAndWhyAndShowsNoRates() {
        List<String> lines = write("table", liveThenStale()).lines().toList();
        int stale = lines.indexOf("2026-03-15T09:00:02Z  stale since 2026-03-15T09:00:01Z: " + WHY
                + " (the values below were read then; no rates until it answers again)");
        assertTrue(stale > 0, String.join("\n", lines));
        assertTrue(lines.get(stale + 1).startsWith("2026-03-15T09:00:01Z  group billing  Stable")
                && lines.get(stale + 1).endsWith("  STALE"), lines.get(stale + 1));
        String row = lines.stream().skip(stale).filter(l -> l.startsWith("payments-0")).findFirst().orElseThrow();
        assertFalse(row.contains("/s"), "no rate repeated: " + row);
        assertTrue(lines.stream().limit(stale).anyMatch(l -> l.startsWith("payments-0") && l.contains("100/s")),
                "the live refresh had its rates");
    }

    @Test
    void jsonAndCsvCarryTheStaleSinceAndReason() {
        List<String> json = write("json", liveThenStale()).lines().toList();
        assertTrue(json.get(0).endsWith(",\"connected\":true,\"stale\":null}"), json.get(0));
        assertTrue(json.get(1).contains("\"produceRate\":null,\"consumeRate\":null,"), json.get(1));
        assertTrue(json.get(1).contains("\"at\":\"2026-03-15T09:00:02Z\""), json.get(1));
        assertTrue(json.get(1).endsWith(",\"connected\":false,"
                + "\"stale\":{\"since\":\"2026-03-15T09:00:01Z\",\"reason\":\"" + WHY + "\"}}"), json.get(1));

        List<String> csv = write("csv", liveThenStale()).lines().toList();
        assertEquals("at,group,topic,partition,committed,end,lag,lagSeconds,produceRate,consumeRate,hot,status,owner,"
                + "staleSince,staleReason", csv.get(0));
        assertTrue(csv.get(1).contains(",100.000,100.000,") && csv.get(1).endsWith(",app-1,,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("2026-03-15T09:00:02Z,billing,payments,0,150,200,50,,,,")
                && csv.get(2).endsWith(",app-1,2026-03-15T09:00:01Z,No answer from b:9092 within 5 s: check the"
                + " address and that the cluster is up"), csv.get(2));
    }
}
