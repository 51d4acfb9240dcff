package dev.highwater.core.decode;

import com.google.gson.JsonParser;
import dev.highwater.core.text.JsonBytes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compact JSON written from the bytes is Gson's parse-and-print, or declined: never something else. */
class JsonCompactTest {

    private static final String[] STRINGS = {"", "a", "café", "<b>&'=", "😀", "\u2028", "e\\u00e9", "x\\/y", "q\\\"",
        "acct-1", "中文"};
    private static final String[] NUMBERS = {"0", "-0", "1", "-12", "1.50", "1.50e3", "2E-7", "12345678901234567890123",
        "9223372036854775807", "-9223372036854775808", "0.0", "1e+2"};

    @Test
    void randomDocumentsAreGsonsOutputOrDeclined() {
        Random random = new Random(23);
        int written = 0;
        for (int i = 0; i < 20_000; i++) {
            String doc = blank(random) + value(random, 0) + blank(random);
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            JsonBytes out = new JsonBytes(8).raw((byte) '>');
            if (JsonCompact.write(bytes, 0, bytes.length, out)) {
                written++;
                assertEquals(">" + JsonParser.parseString(doc).toString(), out.toString(), doc);
            } else {
                assertEquals(">", out.toString(), "declined leaves nothing: " + doc);
            }
        }
        assertTrue(written > 5_000, "most documents are written directly: " + written);
    }

    @Test
    void whatIsNotStrictJsonIsDeclined() {
        for (String doc : new String[] {"{\"a\":1,}", "[1,]", "{'a':1}", "{a:1}", "01", "1.", ".5", "[1 2]", "{\"a\" 1}",
            "NaN", "[1] x", "{\"a\":1,\"a\":2}", "\"\u0001\"", "tru", "[", ""}) {
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            assertFalse(JsonCompact.write(bytes, 0, bytes.length, new JsonBytes(8)), doc);
        }
    }

    private static String value(Random random, int depth) {
        int kind = depth > 3 ? 2 + random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> {
                StringBuilder sb = new StringBuilder("{").append(blank(random));
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sb.append(',').append(blank(random));
                    }
                    // a small key space, so a key is sometimes given twice
                    sb.append('"').append("k").append(random.nextInt(6)).append('"').append(blank(random)).append(':')
                            .append(blank(random)).append(value(random, depth + 1)).append(blank(random));
                }
                yield sb.append('}').toString();
            }
            case 1 -> {
                StringBuilder sb = new StringBuilder("[").append(blank(random));
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sb.append(blank(random)).append(',').append(blank(random));
                    }
                    sb.append(value(random, depth + 1));
                }
                yield sb.append(blank(random)).append(']').toString();
            }
            case 2 -> '"' + STRINGS[random.nextInt(STRINGS.length)] + '"';
            case 3 -> NUMBERS[random.nextInt(NUMBERS.length)];
            case 4 -> random.nextBoolean() ? "true" : "false";
            default -> "null";
        };
    }

    private static String blank(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> " ";
            case 1 -> "\n  ";
            case 2 -> "\t";
            default -> "";
        };
    }
}
