package dev.highwater.core.decode;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.highwater.core.schema.ProtoFolderSource;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.text.JsonBytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON written straight from the wire format is, byte for byte, what protobuf-java-util's printer writes for
 * the parsed message: over random messages of every field kind (proto3, proto2 with closed enums, oneofs,
 * packed and unpacked repeated fields, strings that need escaping), and over damaged and merged bytes, where it
 * must either write exactly the printer's JSON or decline.
 */
class ProtoJsonTest {

    private static final String PROTO3 = """
            syntax = "proto3";
            package fuzz;
            import "google/protobuf/timestamp.proto";
            enum Color { COLOR_UNSPECIFIED = 0; RED = 1; GREEN = 2; }
            message Inner {
              string name = 1;
              int64 id = 2;
              repeated int32 codes = 3;
              Color color = 4;
              Inner child = 5;
            }
            message All {
              int32 i32 = 1; int64 i64 = 2; uint32 u32 = 3; uint64 u64 = 4; sint32 s32 = 5; sint64 s64 = 6;
              fixed32 f32 = 7; fixed64 f64 = 8; sfixed32 sf32 = 9; sfixed64 sf64 = 10; float fl = 11; double db = 12;
              bool b = 13; string s = 14; bytes by = 15; Color color = 16; Inner inner = 17;
              repeated int32 r_i32 = 18; repeated string r_s = 19; repeated Inner r_inner = 20;
              repeated double r_db = 21 [packed = false]; repeated Color r_color = 22; repeated sint64 r_s64 = 23;
              repeated bytes r_by = 24; repeated bool r_b = 25; repeated fixed32 r_f32 = 35; repeated float r_fl = 36;
              optional int32 o_i32 = 26; optional string o_s = 27; optional Color o_color = 37;
              oneof choice { string c_s = 28; Inner c_inner = 29; int64 c_i64 = 30; }
              string snake_case_name = 33 [json_name = "customName"];
              uint64 far_away = 1000;
            }
            message WithMap { map<string, int32> m = 1; }
            message WithTimestamp { google.protobuf.Timestamp at = 1; }
            """;

    private static final String PROTO2 = """
            syntax = "proto2";
            package fuzz2;
            enum Level { LOW = 1; HIGH = 2; }
            message P2 {
              optional int32 a = 1 [default = 5];
              optional Level level = 2;
              repeated Level levels = 3;
              optional string s = 4;
              optional bytes b = 5;
              optional P2 child = 6;
              repeated int64 packed = 7 [packed = true];
              optional bool flag = 8;
            }
            message WithRequired { required int32 r = 1; }
            """;

    private static Descriptor all;
    private static Descriptor p2;
    private static Descriptor withMap;
    private static Descriptor withTimestamp;
    private static Descriptor withRequired;
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    @BeforeAll
    static void compile() {
        List<String> problems = new ArrayList<>();
        SchemaCatalog.Source source = ProtoFolderSource.compile("fuzz",
                Map.of("fuzz.proto", PROTO3, "fuzz2.proto", PROTO2), problems);
        assertEquals(List.of(), problems);
        for (FileDescriptor f : source.files()) {
            for (Descriptor d : f.getMessageTypes()) {
                switch (d.getFullName()) {
                    case "fuzz.All" -> all = d;
                    case "fuzz2.P2" -> p2 = d;
                    case "fuzz.WithMap" -> withMap = d;
                    case "fuzz.WithTimestamp" -> withTimestamp = d;
                    case "fuzz2.WithRequired" -> withRequired = d;
                    default -> { }
                }
            }
        }
    }

    @Test
    void randomMessagesAreWrittenAsThePrinterWritesThem() throws Exception {
        Random random = new Random(19);
        for (Descriptor type : List.of(all, p2)) {
            for (int i = 0; i < 3_000; i++) {
                byte[] bytes = message(type, random, 0).toByteArray();
                String expected = PRINTER.print(DynamicMessage.parseFrom(type, bytes));
                JsonBytes out = new JsonBytes(16);
                assertTrue(new ProtoJson().write(type, bytes, 0, bytes.length, out),
                        () -> "declined a message as protobuf-java writes it: " + expected);
                assertEquals(expected, out.toString());
            }
        }
    }

    @Test
    void damagedOrMergedBytesAreWrittenExactlyOrDeclined() throws Exception {
        Random random = new Random(7);
        ProtoJson json = new ProtoJson();
        int written = 0;
        for (int i = 0; i < 6_000; i++) {
            Descriptor type = i % 3 == 0 ? p2 : all;
            byte[] bytes = damage(message(type, random, 0).toByteArray(), message(type, random, 0).toByteArray(),
                    random);
            JsonBytes out = new JsonBytes(16);
            out.raw((byte) '[');
            boolean ok = json.write(type, bytes, 0, bytes.length, out);
            String expected;
            try {
                expected = PRINTER.print(DynamicMessage.parseFrom(type, bytes));
            } catch (InvalidProtocolBufferException e) {
                assertFalse(ok, () -> "wrote JSON for bytes protobuf-java refuses: " + e.getMessage());
                assertEquals("[", out.toString(), "a declined record leaves nothing behind");
                continue;
            }
            if (ok) {
                written++;
                assertEquals("[" + expected, out.toString(), () -> "bytes " + Arrays.toString(bytes));
            } else {
                assertEquals("[", out.toString(), "a declined record leaves nothing behind");
            }
        }
        assertTrue(written > 1_000, "most damaged bytes still parse, and many in a form written directly: " + written);
    }

    @Test
    void typesItDoesNotRenderAreDeclinedForThePrinter() throws Exception {
        for (Descriptor type : List.of(withMap, withTimestamp, withRequired)) {
            DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
            FieldDescriptor f = type.getFields().getFirst();
            if (f.isMapField()) {
                DynamicMessage.Builder entry = DynamicMessage.newBuilder(f.getMessageType());
                entry.setField(f.getMessageType().findFieldByName("key"), "k");
                entry.setField(f.getMessageType().findFieldByName("value"), 1);
                b.addRepeatedField(f, entry.build());
            } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                b.setField(f, DynamicMessage.newBuilder(f.getMessageType())
                        .setField(f.getMessageType().findFieldByName("seconds"), 12L).build());
            } else {
                b.setField(f, 3);
            }
            byte[] bytes = b.build().toByteArray();
            assertFalse(new ProtoJson().write(type, bytes, 0, bytes.length, new JsonBytes(16)), type.getFullName());
        }
    }

    @Test
    void anImplicitFieldWrittenWithItsDefaultIsLeftToThePrinter() {
        // field 1 (int32 i32) written as 0: protobuf-java never writes it, another writer may
        byte[] bytes = {0x08, 0x00, 0x10, 0x05};
        assertFalse(new ProtoJson().write(all, bytes, 0, bytes.length, new JsonBytes(16)));
    }

    private static byte[] damage(byte[] a, byte[] b, Random random) {
        byte[] out;
        switch (random.nextInt(6)) {
            case 0 -> { // merged: protobuf concatenation, fields of b after a's
                out = Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, out, a.length, b.length);
            }
            case 1 -> out = Arrays.copyOf(a, a.length == 0 ? 0 : random.nextInt(a.length)); // cut short
            case 2 -> { // one byte changed
                out = a.clone();
                if (out.length > 0) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
            case 3 -> { // an unknown field at the end
                out = Arrays.copyOf(a, a.length + 3);
                out[a.length] = (byte) (50 << 3); // field 50, varint
                out[a.length + 1] = (byte) 0x96;
                out[a.length + 2] = 0x01;
            }
            case 4 -> { // an unknown field at the start
                out = new byte[a.length + 2];
                out[0] = (byte) (40 << 3); // field 40, varint
                out[1] = 0x07;
                System.arraycopy(a, 0, out, 2, a.length);
            }
            default -> out = a;
        }
        return out;
    }

    private static DynamicMessage message(Descriptor type, Random random, int depth) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
        for (FieldDescriptor f : type.getFields()) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth >= 3) {
                continue;
            }
            if (f.isRepeated()) {
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.addRepeatedField(f, value(f, random, depth));
                }
            } else {
                b.setField(f, value(f, random, depth));
            }
        }
        return b.build();
    }

    private static Object value(FieldDescriptor f, Random random, int depth) {
        return switch (f.getJavaType()) {
            case INT -> switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(300) - 150;
                case 2 -> Integer.MIN_VALUE;
                default -> random.nextInt();
            };
            case LONG -> switch (random.nextInt(4)) {
                case 0 -> 0L;
                case 1 -> Long.MIN_VALUE;
                case 2 -> -1L;
                default -> random.nextLong();
            };
            case FLOAT -> switch (random.nextInt(5)) {
                case 0 -> Float.NaN;
                case 1 -> random.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                case 2 -> -0.0f;
                case 3 -> Float.intBitsToFloat(random.nextInt());
                default -> random.nextFloat() * 1000;
            };
            case DOUBLE -> switch (random.nextInt(5)) {
                case 0 -> Double.NaN;
                case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 2 -> 1e-320;
                case 3 -> Double.longBitsToDouble(random.nextLong());
                default -> random.nextDouble() * 1e6;
            };
            case BOOLEAN -> random.nextBoolean();
            case STRING -> text(random);
            case BYTE_STRING -> {
                byte[] b = new byte[random.nextInt(8)];
                random.nextBytes(b);
                yield ByteString.copyFrom(b);
            }
            case ENUM -> f.getEnumType().getValues().get(random.nextInt(f.getEnumType().getValues().size()));
            case MESSAGE -> message(f.getMessageType(), random, depth + 1);
        };
    }

    /** Text with what JSON escapes: quotes, backslashes, control characters, {@code <>&='}, U+2028, emoji. */
    private static String text(Random random) {
        String[] pieces = {"a", "Z", "0", " ", "\"", "\\", "\n", "\t", "\u0001", "\u001f", "\u007f", "<", ">", "&", "=",
                "'", "/", "é", "€", "\u2028", "\u2029", "😀", "中", "acct-aggregator-7"};
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    @Test
    void aMessageNestedDeeperThanProtobufJavaReadsIsLeftToThePrinter() {
        Descriptor inner = all.findFieldByName("inner").getMessageType();
        FieldDescriptor child = inner.findFieldByName("child");
        DynamicMessage m = DynamicMessage.newBuilder(inner).setField(inner.findFieldByName("name"), "x").build();
        for (int i = 0; i < 120; i++) {
            m = DynamicMessage.newBuilder(inner).setField(child, m).build();
        }
        byte[] bytes = m.toByteArray();
        assertFalse(new ProtoJson().write(inner, bytes, 0, bytes.length, new JsonBytes(16)));
    }
}
