package dev.highwater.core.decode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rows a tail keeps: sized by the user within a bound, their time span, and undecodable records kept apart. */
class RowBufferTest {

    private static final Decoding NONE = Decoding.ok(Format.NULL, null, 0, -1, null, "null");
    private static final Decoding TEXT = Decoding.ok(Format.TEXT, null, 0, -1, null, "text");
    private static final Decoding BAD = Decoding.failed(Format.PROTOBUF, null, -1, "protobuf",
            "wire type 7 at byte 0 does not exist");

    private static DecodedRecord row(long offset, long timestamp, boolean poison, int size) {
        return new DecodedRecord(new RawRecord("t", (int) (offset % 3), offset, timestamp, null, new byte[size],
                List.of()), NONE, poison ? BAD : TEXT);
    }

    @Test
    void undecodableRecordsStayInTheirOwnListWhenNewerRowsPushThemOut() {
        RowBuffer buffer = new RowBuffer(10);
        buffer.add(List.of(row(0, 1_000, true, 10)), 1);
        List<DecodedRecord> later = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            later.add(row(i, 1_000 + i, false, 10));
        }
        buffer.add(later, later.size());
        RowBuffer.Snapshot s = buffer.snapshot();
        assertEquals(10, s.newestFirst().size());
        assertTrue(s.newestFirst().stream().noneMatch(DecodedRecord::poison), "pushed out of the rows");
        assertEquals(1, s.undecodable().size(), "still kept apart");
        assertEquals(0, s.undecodable().getFirst().raw().offset());
        assertEquals(91, s.notShown());
        assertEquals(1_091, s.oldest(), "the span starts at the oldest row kept");
        assertEquals(1_100, s.newest());

        List<DecodedRecord> pills = new ArrayList<>();
        for (int i = 0; i < RowBuffer.UNDECODABLE_CAPACITY + 5; i++) {
            pills.add(row(200 + i, 2_000 + i, true, 10));
        }
        buffer.add(pills, pills.size());
        List<DecodedRecord> kept = buffer.snapshot().undecodable();
        assertEquals(RowBuffer.UNDECODABLE_CAPACITY, kept.size(), "bounded: only newer undecodable ones push out");
        assertEquals(200 + RowBuffer.UNDECODABLE_CAPACITY + 4, kept.getFirst().raw().offset(), "newest first");
    }

    @Test
    void theUserSizesTheRowsWithinABoundAndBigRecordsAreBoundedInBytes() {
        RowBuffer buffer = new RowBuffer(5);
        List<DecodedRecord> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(row(i, i, false, 1));
        }
        buffer.add(rows, 5);
        buffer.resize(2);
        assertEquals(List.of(4L, 3L), buffer.snapshot().newestFirst().stream().map(r -> r.raw().offset()).toList());
        buffer.resize(RowBuffer.MAX_CAPACITY);
        assertEquals(2, buffer.snapshot().newestFirst().size());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> buffer.resize(RowBuffer.MAX_CAPACITY + 1));
        assertEquals("The table keeps from 1 to 50,000 rows, not 50,001.", tooMany.getMessage());

        RowBuffer big = new RowBuffer(RowBuffer.MAX_CAPACITY);
        int mb = 1 << 20;
        for (int i = 0; i < 100; i++) {
            big.add(List.of(row(i, i, false, mb)), 1);
        }
        RowBuffer.Snapshot s = big.snapshot();
        assertEquals(RowBuffer.MAX_BYTES / mb, s.newestFirst().size(), "1 MB records fill the byte bound first");
        assertEquals(99, s.newestFirst().getFirst().raw().offset());
    }
}
