package dev.highwater.core.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the top-level fields of the ledger's JSON shape into reusable buffers: string values unescaped as
 * UTF-8, number values as their text (so an amount written as a JSON number stays exact). Other fields, nested
 * values included, are checked and skipped.
 *
 * <p>Accepts exactly one JSON object (RFC 8259) followed by nothing but blanks, and rejects, with the reason,
 * everything that grammar rejects: an unterminated value, a control character (below U+0020) inside a string,
 * an escape other than {@code \" \\ \/ \b \f \n \r \t \}{@code uXXXX}, a {@code \}{@code u} escape without four
 * hex digits or that leaves a surrogate unpaired, a number with a leading zero, a sign other than a leading
 * minus, a point without digits on both sides or an exponent without digits, and text after the object. Two
 * limits of its own: a field the ledger reads appearing twice is refused (a JSON reader would keep the last; an
 * audit refuses to choose silently), and values nested deeper than {@link #MAX_DEPTH} levels are refused. Bytes
 * of 0x80 and above in strings are taken as they are, not checked as UTF-8: an account id keeps its bytes
 * whatever they are (see {@link AccountId}). Every end of input is found by comparing with the length, never
 * by an exception.
 */
final class JsonFields {

    /** Deepest nesting of skipped values: a limit the grammar allows a reader to set, keeping the stack small. */
    static final int MAX_DEPTH = 256;
    private static final String CUT_SHORT = "the JSON object is cut short";

    /** One field's value: UTF-8 bytes in a buffer reused from record to record. */
    static final class Value {
        /** The field's name in the JSON shape, or null for a buffer that is not a field. */
        private final String name;
        byte[] bytes = new byte[64];
        int len;
        boolean present;

        Value(String name) {
            this.name = name;
        }

        void put(byte c) {
            if (len == bytes.length) {
                bytes = Arrays.copyOf(bytes, len * 2);
            }
            bytes[len++] = c;
        }

        void put(byte[] from, int off, int n) {
            if (len + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(len + n, len * 2));
            }
            System.arraycopy(from, off, bytes, len, n);
            len += n;
        }

        boolean is(String ascii) {
            if (ascii.length() != len) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                if (bytes[i] != ascii.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        String text() {
            return new String(bytes, 0, len, StandardCharsets.UTF_8);
        }
    }

    final Value type = new Value("eventType");
    final Value id = new Value("eventId");
    final Value account = new Value("accountId");
    final Value amount = new Value("amount");
    final Value reference = new Value("reference");
    final Value timestamp = new Value("timestamp");
    private final Value ignored = new Value(null);
    private final Value key = new Value(null);
    private final Value[] fields = {type, id, account, amount, reference, timestamp};

    private byte[] b;
    private int end;
    private int pos;
    /** Why the value being read is not JSON, set where a read returns false. */
    private String error;

    /** @return null when the object starting at {@code start} (its '{') was read, else what is wrong with it */
    String read(byte[] bytes, int start) {
        b = bytes;
        end = bytes.length;
        pos = start + 1;
        error = null;
        for (Value v : fields) {
            v.present = false;
            v.len = 0;
        }
        skipBlank();
        if (pos < end && b[pos] == '}') {
            pos++;
            return trailing();
        }
        while (true) {
            skipBlank();
            if (!expect('"')) {
                return error;
            }
            key.len = 0;
            if (!readString(key) || !colon()) {
                return error;
            }
            Value target = target();
            if (target.present) {
                return "field " + key.text() + " appears twice";
            }
            target.len = 0;
            byte c = b[pos];
            if (c == '"') {
                if (!readString(target)) {
                    return error;
                }
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                if (!readNumber(target)) {
                    return error;
                }
            } else if (c == '{' || c == '[' || c == 't' || c == 'f') {
                if (target != ignored) {
                    return "field " + key.text() + " is not a string or number";
                }
                if (!skipValue(1)) {
                    return error;
                }
            } else if (c == 'n') {
                if (!literal("null")) {
                    return error;
                }
                target = ignored; // a null field is as good as a missing one
            } else {
                return "malformed JSON at byte " + pos;
            }
            target.present = target != ignored;
            skipBlank();
            if (pos == end) {
                return CUT_SHORT;
            }
            byte next = b[pos++];
            if (next == '}') {
                return trailing();
            }
            if (next != ',') {
                return "malformed JSON at byte " + (pos - 1);
            }
        }
    }

    private String trailing() {
        skipBlank();
        return pos == end ? null : "text after the JSON object";
    }

    /** The field the key names, or {@link #ignored}: told apart by length and first byte, then compared once. */
    private Value target() {
        Value v = switch (key.len) {
            case 6 -> amount;
            case 7 -> id;
            case 9 -> switch (key.bytes[0]) {
                case 'e' -> type;
                case 'a' -> account;
                case 'r' -> reference;
                case 't' -> timestamp;
                default -> ignored;
            };
            default -> ignored;
        };
        return v != ignored && key.is(v.name) ? v : ignored;
    }

    private boolean fail(String why) {
        error = why;
        return false;
    }

    private boolean malformed(int at) {
        return fail(at >= end ? CUT_SHORT : "malformed JSON at byte " + at);
    }

    /** True, at the byte, when the next byte is {@code c}; it is not consumed. */
    private boolean expect(char c) {
        return pos < end && b[pos] == c || malformed(pos);
    }

    /** Reads blanks, a ':' and blanks, leaving a byte of the value next. */
    private boolean colon() {
        skipBlank();
        if (!expect(':')) {
            return false;
        }
        pos++;
        skipBlank();
        return pos < end || fail(CUT_SHORT);
    }

    private void skipBlank() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    /** A literal true, false or null, consumed. */
    private boolean literal(String word) {
        int n = word.length();
        for (int i = 0; i < n; i++) {
            if (pos + i == end) {
                return fail(CUT_SHORT);
            }
            if (b[pos + i] != word.charAt(i)) {
                return malformed(pos + i);
            }
        }
        pos += n;
        return true;
    }

    /** A number: {@code -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}, its text copied into the value. */
    private boolean readNumber(Value into) {
        int start = pos;
        if (b[pos] == '-') {
            pos++;
        }
        if (pos < end && b[pos] == '0') {
            pos++; // a leading zero stands alone: "01" leaves "1" where a ',' or '}' belongs
        } else if (!digits()) {
            return false;
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            if (!digits()) {
                return false;
            }
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (!digits()) {
                return false;
            }
        }
        into.put(b, start, pos - start);
        return true;
    }

    /** One digit or more. */
    private boolean digits() {
        int first = pos;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        return pos > first || malformed(pos);
    }

    /** A string from its opening quote, unescaped into the value. */
    private boolean readString(Value into) {
        pos++; // the opening quote
        while (true) {
            // most strings have no escape: copy each run up to a quote, a backslash or a control character at once
            int start = pos;
            pos = plainRun(pos);
            byte c = 0;
            while (pos < end && (c = b[pos]) != '"' && c != '\\' && (c & 0xE0) != 0) {
                pos++;
            }
            into.put(b, start, pos - start);
            if (pos == end) {
                return fail(CUT_SHORT);
            }
            pos++;
            if (c == '"') {
                return true;
            }
            if (c != '\\') {
                return fail("a control character in a JSON string at byte " + (pos - 1));
            }
            if (pos == end) {
                return fail(CUT_SHORT);
            }
            byte e = b[pos++];
            switch (e) {
                case '"', '\\', '/' -> into.put(e);
                case 'n' -> into.put((byte) '\n');
                case 't' -> into.put((byte) '\t');
                case 'r' -> into.put((byte) '\r');
                case 'b' -> into.put((byte) '\b');
                case 'f' -> into.put((byte) '\f');
                case 'u' -> {
                    if (!unicode(into)) {
                        return false;
                    }
                }
                default -> {
                    return fail("malformed JSON escape at byte " + (pos - 2));
                }
            }
        }
    }

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Where the run of string bytes from {@code at} may end, eight bytes at a time: the first 8-byte word holding a
     * quote, a backslash or a control character (below 0x20), or the last whole word, is left to the byte loop
     * after it. Most of a ledger event's JSON is string bytes, and reading them a word at a time is most of the
     * parser's speed; bytes of 0x80 and above never match (their high bit is set, see {@code ~w}).
     */
    private int plainRun(int at) {
        while (at + 8 <= end) {
            long w = (long) LONG.get(b, at);
            long quote = w ^ 0x2222222222222222L;
            long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
            // a byte is zero, or below 0x20, exactly where the subtraction borrows into a byte whose high bit was clear
            long special = ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (w - 0x20 * ONES) & ~w) & HIGHS;
            if (special != 0) {
                return at + (Long.numberOfTrailingZeros(special) >>> 3);
            }
            at += 8;
        }
        return at;
    }

    /** The four hex digits after a backslash-u (and a second escape when they are a high surrogate), as UTF-8. */
    private boolean unicode(Value into) {
        int at = pos - 2;
        int cp = hex4(pos);
        if (cp < 0) {
            return fail(cp == -2 ? CUT_SHORT : "malformed JSON escape at byte " + at);
        }
        pos += 4;
        if (Character.isHighSurrogate((char) cp)) {
            int low = -1;
            if (pos + 2 <= end && b[pos] == '\\' && b[pos + 1] == 'u') {
                low = hex4(pos + 2);
                if (low == -2) {
                    return fail(CUT_SHORT);
                }
            } else if (pos == end || pos + 1 == end && b[pos] == '\\') {
                return fail(CUT_SHORT);
            }
            if (low < 0 || !Character.isLowSurrogate((char) low)) {
                return fail("malformed JSON escape at byte " + at + ": a surrogate without its pair");
            }
            pos += 6;
            cp = Character.toCodePoint((char) cp, (char) low);
        } else if (Character.isLowSurrogate((char) cp)) {
            return fail("malformed JSON escape at byte " + at + ": a surrogate without its pair");
        }
        if (cp < 0x80) {
            into.put((byte) cp);
        } else if (cp < 0x800) {
            into.put((byte) (0xC0 | cp >> 6));
            into.put((byte) (0x80 | cp & 0x3F));
        } else if (cp < 0x10000) {
            into.put((byte) (0xE0 | cp >> 12));
            into.put((byte) (0x80 | cp >> 6 & 0x3F));
            into.put((byte) (0x80 | cp & 0x3F));
        } else {
            into.put((byte) (0xF0 | cp >> 18));
            into.put((byte) (0x80 | cp >> 12 & 0x3F));
            into.put((byte) (0x80 | cp >> 6 & 0x3F));
            into.put((byte) (0x80 | cp & 0x3F));
        }
        return true;
    }

    /** Four hex digits at {@code at} as a number; -1 when they are not hex digits, -2 when the input ends first. */
    private int hex4(int at) {
        if (at + 4 > end) {
            return -2;
        }
        int v = 0;
        for (int i = at; i < at + 4; i++) {
            int d = Character.digit(b[i], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** Checks and skips one value of any kind, nested {@code depth} levels into the object. */
    private boolean skipValue(int depth) {
        if (pos == end) {
            return fail(CUT_SHORT);
        }
        byte c = b[pos];
        if (c == '"') {
            ignored.len = 0;
            return readString(ignored);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            ignored.len = 0;
            return readNumber(ignored);
        }
        if (c == 't') {
            return literal("true");
        }
        if (c == 'f') {
            return literal("false");
        }
        if (c == 'n') {
            return literal("null");
        }
        if (c != '{' && c != '[') {
            return malformed(pos);
        }
        if (depth > MAX_DEPTH) {
            return fail("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        byte close = c == '{' ? (byte) '}' : (byte) ']';
        pos++;
        skipBlank();
        if (pos < end && b[pos] == close) {
            pos++;
            return true;
        }
        while (true) {
            skipBlank();
            if (close == '}') {
                if (!expect('"')) {
                    return false;
                }
                ignored.len = 0;
                if (!readString(ignored) || !colon()) {
                    return false;
                }
            }
            if (!skipValue(depth + 1)) {
                return false;
            }
            skipBlank();
            if (pos == end) {
                return fail(CUT_SHORT);
            }
            byte next = b[pos++];
            if (next == close) {
                return true;
            }
            if (next != ',') {
                return malformed(pos - 1);
            }
        }
    }
}
