package dev.highwater.core.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Strings and numbers written as bytes are what Gson's compact writer ({@link JsonWriter}) writes. */
class JsonBytesTest {

    private static final String[] PIECES = {"a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u001f",
        "\u007f", "<", ">", "&", "=", "'", "/", "é", "€", "\u2028", "\u2029", "😀", "中", "\uFFFF"};

    @Test
    void stringsAreEscapedAsGsonEscapesThem() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(8);
            for (int k = 0; k < n; k++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String s = sb.toString();
            String expected = new JsonWriter().value(s).toString();
            assertEquals(expected, new JsonBytes(4).string(s).toString());
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            JsonBytes fromBytes = new JsonBytes(4);
            assertTrue(fromBytes.string(utf8, 0, utf8.length, false));
            assertEquals(expected, fromBytes.toString());
        }
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAndLeaveNothing() {
        byte[][] bad = {{(byte) 0xc3, 0x28}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xff}};
        for (byte[] b : bad) {
            JsonBytes out = new JsonBytes(4).raw((byte) 'x');
            assertFalse(out.string(b, 0, b.length, false));
            assertEquals("x", out.toString());
        }
    }

    @Test
    void utf8IsJudgedAsProtobufJudgesIt() {
        Random random = new Random(11);
        byte[] leads = {(byte) 0xc2, (byte) 0xdf, (byte) 0xe0, (byte) 0xed, (byte) 0xef, (byte) 0xf0, (byte) 0xf4,
            (byte) 0xf5, (byte) 0x80, (byte) 0xbf, (byte) 0xa0, (byte) 0x9f, (byte) 0x90, (byte) 0x8f, 'a', 0};
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[random.nextInt(6)];
            for (int k = 0; k < b.length; k++) {
                b[k] = random.nextBoolean() ? leads[random.nextInt(leads.length)] : (byte) random.nextInt(256);
            }
            assertEquals(com.google.protobuf.ByteString.copyFrom(b).isValidUtf8(), JsonBytes.validUtf8(b, 0, b.length),
                    () -> java.util.Arrays.toString(b));
        }
    }

    @Test
    void numbersAndBase64() {
        for (long n : new long[] {0, 7, 10, -1, -10, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE}) {
            assertEquals(Long.toString(n), new JsonBytes(1).number(n).toString());
        }
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            assertEquals("\"" + java.util.Base64.getEncoder().encodeToString(b) + "\"",
                    new JsonBytes(1).base64(b, 0, b.length).toString());
        }
    }
}
