package dev.highwater.core.decode;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw tree prints what {@code protoc --decode_raw} prints: the expected texts follow protoc's rules (unknown
 * fields in the order read, varints unsigned, fixed as zero-padded hex, C escapes, a length-delimited field nested
 * when it parses in full, ten levels of such guesses, groups a hundred deep).
 */
class RawProtoTreeTest {

    private static final int PLENTY = 1 << 20;

    /** Builds wire-format bytes by hand. */
    private static final class Wire {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Wire varint(long v) {
            while ((v & ~0x7fL) != 0) {
                out.write((int) (v & 0x7f | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        Wire tag(int field, int wireType) {
            return varint((long) field << 3 | wireType);
        }

        Wire raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Wire bytes(int field, byte[] content) {
            tag(field, 2).varint(content.length);
            out.writeBytes(content);
            return this;
        }

        Wire bytes(int field, Wire content) {
            return bytes(field, content.build());
        }

        byte[] build() {
            return out.toByteArray();
        }
    }

    private static Wire wire() {
        return new Wire();
    }

    private static String tree(byte[] bytes) {
        RawProtoTree.Result r = RawProtoTree.of(bytes, PLENTY);
        assertTrue(r.protobuf(), r.text());
        return r.text();
    }

    @Test
    void scalarsPrintAsProtocPrintsThem() {
        byte[] bytes = wire()
                .tag(1, 0).varint(150)
                .tag(2, 0).varint(-1) // an int64 of -1 is ten bytes: protoc prints it unsigned
                .tag(3, 1).raw(1, 2, 3, 4, 5, 6, 7, 8)
                .tag(4, 5).raw(0xff, 0, 0, 0)
                .tag(1, 0).varint(0) // a repeated field stays where it was read
                .build();
        assertEquals("""
                1: 150
                2: 18446744073709551615
                3: 0x0807060504030201
                4: 0x000000ff
                1: 0
                """, tree(bytes));
    }

    @Test
    void aStringThatIsNotAMessageIsQuotedWithCEscapes() {
        byte[] text = "hi \"there\"\n\t\\ \0\u007f".getBytes(StandardCharsets.ISO_8859_1);
        byte[] withUtf8 = new byte[text.length + 3];
        System.arraycopy(text, 0, withUtf8, 0, text.length);
        withUtf8[text.length] = (byte) 0xc3; // é in UTF-8: octal, as C escaping does not read UTF-8
        withUtf8[text.length + 1] = (byte) 0xa9;
        withUtf8[text.length + 2] = '\'';
        assertEquals("1: \"hi \\\"there\\\"\\n\\t\\\\ \\000\\177\\303\\251\\'\"\n",
                tree(wire().bytes(1, withUtf8).build()));
        assertEquals("1: \"\\037 !\\\"?\\r\"\n", tree(wire().bytes(1, new byte[]{0x1f, ' ', '!', '"', '?', '\r'}).build()));
    }

    @Test
    void lengthDelimitedBytesThatParseInFullAreANestedMessage() {
        byte[] bytes = wire()
                .bytes(1, "acct-7".getBytes(StandardCharsets.UTF_8))
                .bytes(2, wire().tag(1, 0).varint(42).bytes(2, wire().tag(3, 5).raw(1, 0, 0, 0)))
                .bytes(3, new byte[0]) // empty: a string, as protoc prints it
                .bytes(4, "hi".getBytes(StandardCharsets.US_ASCII)) // 'h' is a tag of field 13, 'i' its varint
                .bytes(5, new byte[]{0}) // field 0 is no field: a string
                .build();
        assertEquals("""
                1: "acct-7"
                2 {
                  1: 42
                  2 {
                    3: 0x00000001
                  }
                }
                3: ""
                4 {
                  13: 105
                }
                5: "\\000"
                """, tree(bytes));
    }

    @Test
    void groupsNestUntilTheirEndTag() {
        byte[] bytes = wire()
                .tag(5, 3).tag(1, 0).varint(7).tag(5, 3).tag(5, 4).tag(5, 4)
                .tag(6, 0).varint(1)
                .build();
        assertEquals("""
                5 {
                  1: 7
                  5 {
                  }
                }
                6: 1
                """, tree(bytes));
    }

    @Test
    void guessesGoTenLevelsDeepThenTheBytesAreAString() {
        Wire inner = wire().tag(1, 0).varint(150);
        for (int i = 0; i < 15; i++) {
            inner = wire().bytes(2, inner);
        }
        StringBuilder expected = new StringBuilder();
        for (int level = 0; level < 10; level++) {
            expected.append("  ".repeat(level)).append("2 {\n");
        }
        expected.append("  ".repeat(10)).append("2: \"\\022\\t\\022\\007\\022\\005\\022\\003\\010\\226\\001\"\n");
        for (int level = 9; level >= 0; level--) {
            expected.append("  ".repeat(level)).append("}\n");
        }
        assertEquals(expected.toString(), tree(inner.build()));
    }

    @Test
    void groupsTakeFromTheGuessesBudgetAndNestAHundredDeepAtMost() {
        // inside nine groups one level of guessing is left: the message in field 2 is shown, the one in it is not
        Wire w = wire();
        for (int i = 0; i < 9; i++) {
            w.tag(1, 3);
        }
        w.bytes(2, wire().bytes(3, wire().tag(1, 0).varint(1)));
        for (int i = 0; i < 9; i++) {
            w.tag(1, 4);
        }
        String text = tree(w.build());
        assertTrue(text.contains("  ".repeat(9) + "2 {\n" + "  ".repeat(10) + "3: \"\\010\\001\"\n"), text);

        assertTrue(RawProtoTree.of(groups(100), PLENTY).protobuf());
        RawProtoTree.Result tooDeep = RawProtoTree.of(groups(101), PLENTY);
        assertFalse(tooDeep.protobuf());
        assertTrue(tooDeep.text().startsWith("Not Protobuf: protoc --decode_raw says \"Failed to parse input.\" "
                + "(byte 100: groups nested deeper than 100)."), tooDeep.text());
    }

    private static byte[] groups(int depth) {
        Wire w = wire();
        for (int i = 0; i < depth; i++) {
            w.tag(1, 3);
        }
        for (int i = 0; i < depth; i++) {
            w.tag(1, 4);
        }
        return w.build();
    }

    @Test
    void bytesThatAreNotProtobufSaySoWhereAndShowHex() {
        assertEquals("Not Protobuf: protoc --decode_raw says \"Failed to parse input.\" (byte 0: a tag cut short by"
                + " the end).\n\n00000000  ff ff ff                 |...|\n",
                RawProtoTree.of(new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff}, PLENTY).text());
        assertProblem("byte 0: wire type 6, which Protobuf does not have", wire().tag(1, 6).build());
        assertProblem("byte 0: field number 0, which no field has", wire().varint(0).varint(1).build());
        assertProblem("byte 0: the end of group 1, which is not open", wire().tag(1, 4).build());
        assertProblem("byte 1: the end of group 2, which is not open", wire().tag(1, 3).tag(2, 4).build());
        assertProblem("group 1 is not closed at the end", wire().tag(1, 3).build());
        assertProblem("byte 1: a length of 5 where 2 bytes are left", wire().tag(1, 2).varint(5).raw('a', 'b').build());
        assertProblem("byte 1: 8 bytes of a fixed64 field where 2 are left", wire().tag(1, 1).raw(1, 2).build());
        assertProblem("byte 1: a varint longer than 10 bytes",
                wire().tag(1, 0).raw(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1).build());
        // field numbers stop at 2^29 - 1: the tag of 2^29 needs 33 bits, and protoc keeps 32 of them
        assertEquals("536870911: 1\n", tree(wire().tag(536_870_911, 0).varint(1).build()));
        assertProblem("byte 0: field number 0, which no field has", wire().tag(536_870_912, 0).varint(1).build());
        assertEquals("1: 18446744073709551615\n",
                tree(wire().tag(1, 0).raw(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f).build()));
        assertEquals("", tree(new byte[0]), "no bytes: no fields, as protoc prints nothing");
    }

    private static void assertProblem(String reason, byte[] bytes) {
        RawProtoTree.Result r = RawProtoTree.of(bytes, PLENTY);
        assertFalse(r.protobuf(), r.text());
        assertTrue(r.text().startsWith("Not Protobuf: protoc --decode_raw says \"Failed to parse input.\" (" + reason
                + ").\n"), r.text());
    }

    @Test
    void aBigValueIsCutWithWhatIsLeftOut() {
        Wire many = wire();
        for (int i = 0; i < 1000; i++) {
            many.tag(1, 0).varint(1);
        }
        assertEquals("1: 1\n".repeat(10) + "… 1,980 more bytes not shown (2,000 in all)\n",
                RawProtoTree.of(many.build(), 50).text());

        byte[] megabyte = new byte[1 << 20];
        java.util.Arrays.fill(megabyte, (byte) 'w'); // wire type 7: a string, not a message
        String cut = RawProtoTree.of(wire().bytes(1, megabyte).build(), 1000).text();
        assertTrue(cut.length() < 1100, "at most about the size asked: " + cut.length());
        assertTrue(cut.startsWith("1: \"www"), cut);
        assertTrue(cut.endsWith("\"\n… 1,047,580 more bytes not shown (1,048,580 in all)\n"), cut);
    }

    @Test
    void deepNestingNeitherOverflowsTheStackNorTakesLong() {
        Wire inner = wire().tag(1, 0).varint(1);
        byte[] deep = inner.build();
        for (int i = 0; i < 2_000; i++) {
            deep = wire().bytes(1, deep).build();
        }
        RawProtoTree.Result nested = RawProtoTree.of(deep, 4096);
        assertTrue(nested.protobuf());
        assertTrue(nested.text().contains("  ".repeat(10) + "1: \""), "ten levels, then a string");

        byte[] groups = groups(200_000);
        RawProtoTree.Result refused = RawProtoTree.of(groups, 4096);
        assertFalse(refused.protobuf());
        assertTrue(refused.text().length() < 6000, "the hex dump is cut too: " + refused.text().length());
    }
}
