package dev.highwater.core.registry;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Counting the schema ids of record values, and naming them with the registry's usages. */
class SchemaUsageTest {

    static byte[] framed(int id, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + p.length).put((byte) 0).putInt(id).put(p).array();
    }

    @Test
    void countsEachIdAndTheValuesWithoutFraming() {
        SchemaUsage usage = new SchemaUsage();
        for (int i = 0; i < 3; i++) {
            usage.count(framed(7, "x"));
        }
        usage.count(framed(9, ""));
        usage.count(framed(256, "payload that does not decode is still counted by its id"));
        usage.count("{\"plain\":true}".getBytes(StandardCharsets.UTF_8));
        usage.count(null);
        usage.count(new byte[] {0, 0, 0}); // too short to carry an id

        assertEquals(8, usage.total());
        assertEquals(3, usage.unframed());
        assertEquals(Map.of(7, 3L, 9, 1L, 256, 1L), usage.byId());
    }

    @Test
    void rowsNameEachIdBySubjectAndVersionInThatOrderAndSayWhatTheRegistryCouldNot() {
        SchemaUsage usage = new SchemaUsage();
        usage.count(framed(3, "v2"));
        usage.count(framed(3, "v2"));
        usage.count(framed(1, "v1"));
        usage.count(framed(42, "?"));
        usage.count(framed(5, "shared"));

        List<SchemaUsage.Row> rows = usage.rows(id -> switch (id) {
            case 1 -> List.of(new SubjectVersion("orders-value", 1, 1));
            case 3 -> List.of(new SubjectVersion("orders-value", 2, 3));
            case 5 -> List.of(new SubjectVersion("z-copy", 1, 5), new SubjectVersion("a-orig", 4, 5));
            default -> throw new RegistryException(RegistryException.Kind.UNKNOWN_ID,
                    "the registry does not know schema id " + id);
        });

        assertEquals(List.of(
                new SchemaUsage.Row(5, List.of(new SubjectVersion("a-orig", 4, 5), new SubjectVersion("z-copy", 1, 5)),
                        1, ""),
                new SchemaUsage.Row(1, List.of(new SubjectVersion("orders-value", 1, 1)), 1, ""),
                new SchemaUsage.Row(3, List.of(new SubjectVersion("orders-value", 2, 3)), 2, ""),
                new SchemaUsage.Row(42, List.of(), 1, "the registry does not know schema id 42")), rows);
    }

    @Test
    void anIdRegisteredUnderNoSubjectSaysSo() {
        SchemaUsage usage = new SchemaUsage();
        usage.count(framed(8, ""));
        assertEquals("the registry has schema id 8 under no subject",
                usage.rows(id -> List.of()).getFirst().problem());
    }
}
