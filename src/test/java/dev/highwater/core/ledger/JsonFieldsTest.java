package dev.highwater.core.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the ledger's JSON reader accepts and what it rejects: JSON's grammar, with the reason for each refusal. */
class JsonFieldsTest {

    private static String read(JsonFields f, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return f.read(bytes, json.indexOf('{'));
    }

    /** Objects JSON accepts; {@code amount} holds the text the reader gives back for the field. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{}                                                   | ",
            "{\"amount\":\"1.50\"}                                | 1.50",
            "{\"amount\":0}                                       | 0",
            "{\"amount\":-0}                                      | -0",
            "{\"amount\":10.25}                                   | 10.25",
            "{\"amount\":0.5}                                     | 0.5",
            "{\"amount\":1e5}                                     | 1e5",
            "{\"amount\":1E+5}                                    | 1E+5",
            "{\"amount\":-1.5e-3}                                 | -1.5e-3",
            "` {\"amount\" : \"7\" }  `                           | 7",
            "{\"amount\":\"a\\\"b\\\\c\\/d\"}                     | a\"b\\c/d",
            "{\"amount\":\"\\u0041\\u00e9\"}                      | Aé",
            "{\"amount\":\"\\ud83d\\ude00\"}                      | 😀",
            "{\"amount\":\"ünï\"}                                 | ünï",
            "{\"amount\":\"\u007f\"}                              | \u007f",
            "{\"x\":{\"a\":[1,\"}\",{\"b\":[]},true,false,null]},\"amount\":\"2\"} | 2",
            "{\"x\":[],\"y\":{},\"z\":-0.0e0,\"amount\":\"3\"}    | 3",
            "{\"amount\":null}                                    | ",
            "{\"x\":1,\"x\":2}                                    | ",
    })
    void acceptedAsJsonAccepts(String json, String amount) {
        JsonFields f = new JsonFields();
        assertNull(read(f, json), json);
        assertEquals(amount != null, f.amount.present, json);
        if (amount != null) {
            assertEquals(amount, f.amount.text(), json);
        }
    }

    /** Objects JSON rejects, each with the start of the reason given. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // escapes
            "{\"amount\":\"\\x41\"}           | malformed JSON escape at byte 11",
            "{\"amount\":\"\\a\"}             | malformed JSON escape",
            "{\"amount\":\"\\u00g0\"}         | malformed JSON escape",
            "{\"amount\":\"\\u00\"}           | malformed JSON escape",
            "{\"amount\":\"\\ud83d\"}         | malformed JSON escape at byte 11: a surrogate without its pair",
            "{\"amount\":\"\\ud83dx\\ude00\"} | malformed JSON escape at byte 11: a surrogate without its pair",
            "{\"amount\":\"\\ude00\"}         | malformed JSON escape at byte 11: a surrogate without its pair",
            "{\"amount\":\"\\ud83d\\u0041\"}  | malformed JSON escape at byte 11: a surrogate without its pair",
            // numbers
            "{\"amount\":01}                  | malformed JSON at byte 11",
            "{\"amount\":-01}                 | malformed JSON at byte 12",
            "{\"amount\":1.}                  | malformed JSON at byte 12",
            "{\"amount\":.5}                  | malformed JSON at byte 10",
            "{\"amount\":+1}                  | malformed JSON at byte 10",
            "{\"amount\":-}                   | malformed JSON at byte 11",
            "{\"amount\":1e}                  | malformed JSON at byte 12",
            "{\"amount\":1e+}                 | malformed JSON at byte 13",
            "{\"amount\":1.5.2}               | malformed JSON at byte 13",
            "{\"amount\":0x10}                | malformed JSON at byte 11",
            "{\"x\":[01],\"amount\":\"1\"}    | malformed JSON at byte 7",
            "{\"amount\":NaN}                 | malformed JSON at byte 10",
            // strings
            "{\"amount\":'1'}                 | malformed JSON at byte 10",
            "{amount:\"1\"}                   | malformed JSON at byte 1",
            // structure
            "{\"amount\":\"1\",}              | malformed JSON at byte 14",
            "{\"amount\" \"1\"}               | malformed JSON at byte 10",
            "{\"amount\":\"1\"]               | malformed JSON at byte 13",
            "{\"x\":[1,]}                     | malformed JSON at byte 8",
            "{\"x\":[1 2]}                    | malformed JSON at byte 8",
            "{\"x\":{\"a\"}}                  | malformed JSON at byte 9",
            "{\"x\":{1:2}}                    | malformed JSON at byte 6",
            "{\"x\":tru}                      | malformed JSON at byte 8",
            "{\"x\":nul,\"amount\":\"1\"}     | malformed JSON at byte 8",
            "{\"amount\":true}                | field amount is not a string or number",
            "{\"amount\":[\"1\"]}             | field amount is not a string or number",
            "{\"amount\":\"1\",\"amount\":\"2\"} | field amount appears twice",
            // what follows the object
            "{\"amount\":\"1\"}x              | text after the JSON object",
            "{\"amount\":\"1\"}{}             | text after the JSON object",
            "{} ,                             | text after the JSON object",
            // cut short
            "{                                | the JSON object is cut short",
            "{\"amount\"                      | the JSON object is cut short",
            "{\"amount\":                     | the JSON object is cut short",
            "{\"amount\":\"1                  | the JSON object is cut short",
            "{\"amount\":\"1\\                | the JSON object is cut short",
            "{\"amount\":\"\\u00              | the JSON object is cut short",
            "{\"amount\":\"\\ud83d\\ude0      | the JSON object is cut short",
            "{\"amount\":1                    | the JSON object is cut short",
            "{\"amount\":1.                   | the JSON object is cut short",
            "{\"amount\":1e                   | the JSON object is cut short",
            "{\"amount\":-                    | the JSON object is cut short",
            "{\"amount\":\"1\",               | the JSON object is cut short",
            "{\"x\":[1,{\"a\":               | the JSON object is cut short",
            "{\"x\":[1,{\"a\":[]}             | the JSON object is cut short",
            "{\"x\":tr                        | the JSON object is cut short",
    })
    void rejectedAsJsonRejects(String json, String reason) {
        String got = read(new JsonFields(), json.strip());
        assertNotNull(got, json);
        assertTrue(got.startsWith(reason), json + " -> " + got);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x0a, 0x09, 0x1f})
    void aControlCharacterInAStringIsRejected(int control) {
        byte[] json = ("{\"amount\":\"1" + (char) control + "\"}").getBytes(StandardCharsets.US_ASCII);
        String got = new JsonFields().read(json, 0);
        assertEquals("a control character in a JSON string at byte 12", got);
    }

    @Test
    void bytesOfOtherTextAreTakenAsTheyAre() {
        byte[] json = {'{', '"', 'a', 'c', 'c', 'o', 'u', 'n', 't', 'I', 'd', '"', ':', '"', 'x', (byte) 0xFF, '"', '}'};
        JsonFields f = new JsonFields();
        assertNull(f.read(json, 0));
        assertEquals(2, f.account.len);
        assertEquals((byte) 0xFF, f.account.bytes[1]);
    }

    @Test
    void nestingIsBoundedAndReportedAsSuch() {
        String deep = "[".repeat(JsonFields.MAX_DEPTH) + "]".repeat(JsonFields.MAX_DEPTH);
        assertNull(read(new JsonFields(), "{\"x\":" + deep + "}"));
        String deeper = "[".repeat(JsonFields.MAX_DEPTH + 1) + "]".repeat(JsonFields.MAX_DEPTH + 1);
        assertEquals("JSON nested deeper than " + JsonFields.MAX_DEPTH + " levels",
                read(new JsonFields(), "{\"x\":" + deeper + "}"));
    }

    @Test
    void aReaderIsReusedFromObjectToObject() {
        JsonFields f = new JsonFields();
        assertNull(read(f, "{\"amount\":\"12.50\",\"eventId\":\"e\"}"));
        assertNotNull(read(f, "{\"amount\":\"1"));
        assertNull(read(f, "{\"eventId\":\"f\"}"));
        assertFalse(f.amount.present);
        assertEquals("f", f.id.text());
    }

    /**
     * Strings are scanned eight bytes at a time: a quote, a backslash or a control character at any place in a
     * word, after any run of plain, non-ASCII or escaped bytes, is found where it is, as a byte-by-byte read would.
     */
    @Test
    void everyPlaceOfEverySpecialByteIsFoundInLongStrings() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(18);
        JsonFields f = new JsonFields();
        for (int round = 0; round < 20_000; round++) {
            java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            json.writeBytes("{\"eventId\":\"".getBytes(StandardCharsets.UTF_8));
            boolean control = false;
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(20);
                if (kind == 0) {
                    json.writeBytes("\\\"".getBytes(StandardCharsets.UTF_8)); // an escaped quote
                    expected.write('"');
                } else if (kind == 1) {
                    json.writeBytes("\\\\".getBytes(StandardCharsets.UTF_8)); // an escaped backslash
                    expected.write('\\');
                } else if (kind == 2) {
                    byte[] e = "é".getBytes(StandardCharsets.UTF_8); // bytes of 0x80 and above
                    json.writeBytes(e);
                    expected.writeBytes(e);
                } else if (kind == 3 && random.nextInt(10) == 0) {
                    int c = random.nextInt(0x20); // a raw control character: not JSON
                    json.write(c);
                    control = true;
                } else {
                    int c = 0x20 + random.nextInt(0x5F); // printable ASCII but quote and backslash
                    if (c == '"' || c == '\\') {
                        c = 'x';
                    }
                    json.write(c);
                    expected.write(c);
                }
            }
            json.writeBytes("\",\"amount\":\"1.00\"}".getBytes(StandardCharsets.UTF_8));
            String problem = f.read(json.toByteArray(), 0);
            if (control) {
                assertNotNull(problem, "a raw control character in round " + round);
                assertTrue(problem.startsWith("a control character in a JSON string"), problem);
            } else {
                assertNull(problem, "round " + round);
                assertArrayEquals(expected.toByteArray(), Arrays.copyOf(f.id.bytes, f.id.len), "round " + round);
                assertEquals("1.00", f.amount.text());
            }
        }
    }
}
