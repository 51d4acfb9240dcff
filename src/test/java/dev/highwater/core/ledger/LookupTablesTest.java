package dev.highwater.core.ledger;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The fold's two lookup tables: every key found again as itself, never as another. */
class LookupTablesTest {

    @Test
    void accountIdsOfEveryLengthAreTheirOwnAndNoOtherEvenWhenTheyShareAPrefix() {
        AccountTable table = new AccountTable();
        List<byte[]> ids = new ArrayList<>();
        for (int len = 0; len <= 40; len++) {
            for (int variant = 0; variant < 3; variant++) {
                byte[] id = new byte[len];
                for (int i = 0; i < len; i++) {
                    id[i] = (byte) ('a' + i % 26);
                }
                if (len > 0 && variant > 0) {
                    id[variant == 1 ? len - 1 : 0] = (byte) ('0' + variant); // differs only in its last or first byte
                }
                if (len > 0 || variant == 0) {
                    ids.add(id);
                }
            }
        }
        for (int i = 0; i < 5_000; i++) {
            ids.add(("acct-" + i).getBytes(StandardCharsets.UTF_8)); // enough to grow the pool and the index
        }
        List<Integer> indexes = new ArrayList<>();
        for (byte[] id : ids) {
            byte[] framed = new byte[id.length + 7];
            System.arraycopy(id, 0, framed, 3, id.length); // looked up inside a larger buffer, as the fold does
            indexes.add(table.indexOf(framed, 3, id.length));
        }
        assertEquals(ids.size(), table.size(), "each distinct id is one account");
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(indexes.get(i), table.indexOf(ids.get(i), 0, ids.get(i).length));
            assertArrayEquals(ids.get(i), table.idBytes(indexes.get(i)));
        }
    }

    @Test
    void eventIdsWhoseHashesShareAHomeSlotAndTheirTagAreStillToldApart() {
        EventTable table = new EventTable();
        // the same first half (same home slot) and the same tag bits: only the full second half tells them apart
        long k1 = 0x1234_5678_9abc_def0L;
        long tagBits = 0x7777_0000_0000_0000L;
        int a = table.add(k1, tagBits | 1, 0, 1L, 100, 2, true, null, 0, 0);
        int b = table.add(k1, tagBits | 2, 1, 2L, -100, 2, false, null, 0, 1);
        int c = table.add(k1 + 1, tagBits | 1, 2, 3L, 5, 2, true, null, 0, 2);
        assertNotEquals(a, b);
        assertEquals(a, table.find(k1, tagBits | 1));
        assertEquals(b, table.find(k1, tagBits | 2));
        assertEquals(c, table.find(k1 + 1, tagBits | 1));
        assertEquals(-1, table.find(k1, tagBits | 3));
        for (int i = 0; i < 10_000; i++) { // grows and rehashes
            table.add(i * 0x9E3779B97F4A7C15L, i, 0, i, 1, 0, true, null, 1, i);
        }
        assertEquals(b, table.find(k1, tagBits | 2));
        for (int i = 0; i < 10_000; i++) {
            assertEquals(3 + i, table.find(i * 0x9E3779B97F4A7C15L, i));
        }
    }
}
