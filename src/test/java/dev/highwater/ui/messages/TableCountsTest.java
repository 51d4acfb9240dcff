package dev.highwater.ui.messages;

import dev.highwater.core.decode.RowBuffer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The line under the table: short, plain, and saying how much record time the table spans. */
class TableCountsTest {

    @Test
    void theLineSaysWhatWasReadWhatMatchesAndWhatTheTableHolds() {
        RowBuffer.Snapshot busy = new RowBuffer.Snapshot(Collections.nCopies(5_000, null), 376_471, 376_471, 371_471,
                Map.of(3, 2L, 1, 1L), 3, 1_000, 3_500, List.of());
        assertEquals("376,471 read · table: newest 5,000 (2.5 s) · 3 undecodable (p1: 1, p3: 2)",
                TableCounts.text(busy));
        RowBuffer.Snapshot filtered = new RowBuffer.Snapshot(Collections.nCopies(1_239, null), 376_471, 1_239, 0,
                Map.of(), 0, 0, 41 * 60_000, List.of());
        assertEquals("376,471 read · 1,239 match · table: all 1,239 (41 min)", TableCounts.text(filtered));
    }

    @Test
    void aSpanIsOneUnitAtAGlance() {
        assertEquals("0.4 s", TableCounts.span(Duration.ofMillis(420)));
        assertEquals("25 s", TableCounts.span(Duration.ofSeconds(25)));
        assertEquals("12 min", TableCounts.span(Duration.ofMinutes(12)));
        assertEquals("3.5 h", TableCounts.span(Duration.ofMinutes(210)));
        assertEquals("9 days", TableCounts.span(Duration.ofDays(9)));
    }
}
