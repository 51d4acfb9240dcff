package dev.highwater.core.decode;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import dev.highwater.core.schema.ProtoFolderSource;
import dev.highwater.core.schema.SchemaCatalog;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records whose types were compiled from .proto text with proto2 groups and editions DELIMITED fields: the values
 * travel between start-group and end-group tags, and every decoding path reads them.
 */
class GroupDecodeTest {

    private static final TypeSet TYPES = types();

    private static TypeSet types() {
        SchemaCatalog.Source source = ProtoFolderSource.compile("test", Map.of("search.proto", """
                syntax = "proto2";
                package acme;
                message Search {
                  optional string query = 1;
                  repeated group Result = 2 {
                    required string url = 3;
                    optional int32 rank = 4;
                    optional group Meta = 5 {
                      optional string lang = 6;
                    }
                  }
                  oneof paging {
                    group Cursor = 7 {
                      optional bytes token = 8;
                    }
                    int32 page = 9;
                  }
                }
                """, "frame.proto", """
                edition = "2023";
                package acme.ed;
                message Frame {
                  string id = 1;
                  Frame child = 2 [features.message_encoding = DELIMITED];
                  repeated sint32 samples = 3;
                }
                """), List.of());
        assertEquals(List.of(), source.problems());
        SchemaCatalog catalog = new SchemaCatalog();
        catalog.put(source);
        return TypeSet.of(catalog);
    }

    private static byte[] search() {
        Descriptor search = TYPES.shape("acme.Search").type();
        Descriptor result = search.findNestedTypeByName("Result");
        Descriptor meta = result.findNestedTypeByName("Meta");
        Descriptor cursor = search.findNestedTypeByName("Cursor");
        DynamicMessage.Builder m = DynamicMessage.newBuilder(search)
                .setField(search.findFieldByName("query"), "kafka groups");
        m.addRepeatedField(search.findFieldByName("result"), DynamicMessage.newBuilder(result)
                .setField(result.findFieldByName("url"), "https://a.example/1")
                .setField(result.findFieldByName("rank"), 1)
                .setField(result.findFieldByName("meta"), DynamicMessage.newBuilder(meta)
                        .setField(meta.findFieldByName("lang"), "en").build())
                .build());
        m.addRepeatedField(search.findFieldByName("result"), DynamicMessage.newBuilder(result)
                .setField(result.findFieldByName("url"), "https://b.example/2").build());
        m.setField(search.findFieldByName("cursor"), DynamicMessage.newBuilder(cursor)
                .setField(cursor.findFieldByName("token"), ByteString.copyFrom(new byte[] {(byte) 0xca, (byte) 0xfe}))
                .build());
        return m.build().toByteArray();
    }

    @Test
    void groupsTravelBetweenStartAndEndGroupTags() {
        byte[] bytes = search();
        // field 2 as a group: start tag (2 << 3 | 3) = 0x13 ... end tag (2 << 3 | 4) = 0x14, no length
        int start = indexOf(bytes, (byte) 0x13);
        assertTrue(start > 0, Arrays.toString(bytes));
        assertEquals(0x1a, bytes[start + 1], "the group's first field (url, 3) follows its start tag directly");
        assertTrue(indexOf(bytes, (byte) 0x14) > start);
        assertTrue(indexOf(bytes, (byte) 0x3b) > 0, "the oneof's group, field 7, starts with 0x3b");
    }

    @Test
    void aPinnedTypeReadsGroupFieldsAndPicksValuesInsideThem() {
        RecordDecoder pinned = new RecordDecoder(TYPES, DecoderChoice.protobuf("acme.Search"), Map.of(), false);
        pinned.wantFields(List.of("query", "result.url", "result.meta.lang", "cursor.token", "page", "result"));
        Decoding d = pinned.decode("searches", search(), null);
        assertFalse(d.failed(), d.error());
        assertEquals(Arrays.asList("kafka groups", "https://a.example/1", "en", "cafe", null, "{…}"),
                Arrays.asList(d.fields()));
    }

    @Test
    void withoutAHeaderTheGroupTypeIsRecognisedAndRendered() {
        RecordDecoder auto = new RecordDecoder(TYPES, DecoderChoice.AUTO, Map.of(), false);
        byte[] bytes = search();
        Decoding d = auto.decode("searches", bytes, null);
        assertEquals("acme.Search", d.typeName(), String.valueOf(d.error()));
        DecodedRecord row = new DecodedRecord(new RawRecord("searches", 0, 0, 0, null, bytes, List.of()),
                Decoding.ok(Format.NULL, null, 0, -1, null, "null"), d);
        assertEquals("query=kafka groups", row.summary());
        String json = new RecordRendering(TYPES).valueJson(row, false);
        assertEquals("{\"query\":\"kafka groups\",\"result\":[{\"url\":\"https://a.example/1\",\"rank\":1,"
                + "\"meta\":{\"lang\":\"en\"}},{\"url\":\"https://b.example/2\"}],\"cursor\":{\"token\":\"yv4=\"}}", json);
    }

    @Test
    void aGroupThatIsNeverClosedIsAPoisonPillThatSaysSo() {
        byte[] bytes = search();
        int end = lastIndexOf(bytes, (byte) 0x3c); // the end tag of the oneof's group, field 7
        byte[] cut = Arrays.copyOf(bytes, end);
        RecordDecoder pinned = new RecordDecoder(TYPES, DecoderChoice.protobuf("acme.Search"), Map.of(), false);
        Decoding d = pinned.decode("searches", cut, null);
        assertTrue(d.failed());
        assertEquals("group 7 is never closed", d.error());

        byte[] stray = {0x0a, 0x01, 'q', 0x14}; // an end-group tag for field 2 with no group open
        Decoding s = pinned.decode("searches", stray, null);
        assertTrue(s.failed());
        assertTrue(s.error().contains("closes no group"), s.error());
    }

    @Test
    void editionsDelimitedMessageFieldsAreReadAsGroups() {
        Descriptor frame = TYPES.shape("acme.ed.Frame").type();
        DynamicMessage inner = DynamicMessage.newBuilder(frame).setField(frame.findFieldByName("id"), "inner")
                .addRepeatedField(frame.findFieldByName("samples"), -3).build();
        byte[] bytes = DynamicMessage.newBuilder(frame).setField(frame.findFieldByName("id"), "outer")
                .setField(frame.findFieldByName("child"), inner).build().toByteArray();
        assertArrayEquals(new byte[] {0x0a, 5, 'o', 'u', 't', 'e', 'r', 0x13, 0x0a, 5, 'i', 'n', 'n', 'e', 'r',
                0x1a, 1, 5, 0x14}, bytes, "child is delimited by group tags; samples are packed, as in editions");
        // pinned: these bytes fit acme.Search as well (a string 1 and a group 2), which a guess could pick
        RecordDecoder pinned = new RecordDecoder(TYPES, DecoderChoice.protobuf("acme.ed.Frame"), Map.of(), false);
        pinned.wantFields(List.of("child.id", "child.samples"));
        Decoding d = pinned.decode("frames", bytes, null);
        assertEquals("acme.ed.Frame", d.typeName(), String.valueOf(d.error()));
        assertEquals(Arrays.asList("inner", -3L), Arrays.asList(d.fields()));
        DecodedRecord row = new DecodedRecord(new RawRecord("frames", 0, 0, 0, null, bytes, List.of()),
                Decoding.ok(Format.NULL, null, 0, -1, null, "null"), d);
        assertEquals("{\"id\":\"outer\",\"child\":{\"id\":\"inner\",\"samples\":[-3]}}",
                new RecordRendering(TYPES).valueJson(row, false));
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
