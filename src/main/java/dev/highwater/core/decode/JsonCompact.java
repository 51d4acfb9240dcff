package dev.highwater.core.decode;

import dev.highwater.core.text.JsonBytes;

import java.util.Arrays;

/**
 * Writes a JSON value compact (no whitespace between tokens) straight from its bytes: byte for byte what Gson's
 * {@code JsonParser.parseString(text).toString()} gives ({@link RecordRendering}), numbers as they were written,
 * strings as Gson escapes them, without building a tree. It declines (false, nothing written) what it would have
 * to reinterpret: a string with an escape in it, a key given twice in one object (Gson keeps the last value where
 * the first stood), bytes that are not UTF-8, anything that is not strict JSON; the caller then takes the general
 * path, to the same output. Stateless.
 */
final class JsonCompact {

    private static final int MAX_DEPTH = 200;
    private static final int MAX_KEYS_CHECKED = 64;

    private JsonCompact() {
    }

    /** Appends the compact form of the JSON value in {@code b[from, to)}; false and nothing written to decline. */
    static boolean write(byte[] b, int from, int to, JsonBytes out) {
        int mark = out.length();
        int end = value(b, skipBlank(b, from, to), to, out, 0);
        if (end >= 0 && skipBlank(b, end, to) == to) {
            return true;
        }
        out.truncate(mark);
        return false;
    }

    /** Writes the value at {@code i}; returns where it ends, or -1 to decline. */
    private static int value(byte[] b, int i, int to, JsonBytes out, int depth) {
        if (i >= to || depth > MAX_DEPTH) {
            return -1;
        }
        return switch (b[i]) {
            case '{' -> object(b, i + 1, to, out, depth);
            case '[' -> array(b, i + 1, to, out, depth);
            case '"' -> string(b, i, to, out);
            case 't' -> literal(b, i, to, TRUE, out);
            case 'f' -> literal(b, i, to, FALSE, out);
            case 'n' -> literal(b, i, to, NULL, out);
            default -> number(b, i, to, out);
        };
    }

    private static int object(byte[] b, int i, int to, JsonBytes out, int depth) {
        out.raw((byte) '{');
        i = skipBlank(b, i, to);
        if (i < to && b[i] == '}') {
            out.raw((byte) '}');
            return i + 1;
        }
        int[] keys = new int[8]; // start and end of each key's bytes, to find a key given twice
        int count = 0;
        while (true) {
            if (i >= to || b[i] != '"') {
                return -1;
            }
            int keyEnd = string(b, i, to, out);
            if (keyEnd < 0 || count >= MAX_KEYS_CHECKED) {
                return -1;
            }
            for (int k = 0; k < count; k++) {
                if (Arrays.equals(b, keys[2 * k], keys[2 * k + 1], b, i, keyEnd)) {
                    return -1;
                }
            }
            if (2 * count + 1 >= keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
            }
            keys[2 * count] = i;
            keys[2 * count + 1] = keyEnd;
            count++;
            i = skipBlank(b, keyEnd, to);
            if (i >= to || b[i] != ':') {
                return -1;
            }
            out.raw((byte) ':');
            i = value(b, skipBlank(b, i + 1, to), to, out, depth + 1);
            if (i < 0) {
                return -1;
            }
            i = skipBlank(b, i, to);
            if (i >= to) {
                return -1;
            }
            if (b[i] == '}') {
                out.raw((byte) '}');
                return i + 1;
            }
            if (b[i] != ',') {
                return -1;
            }
            out.raw((byte) ',');
            i = skipBlank(b, i + 1, to);
        }
    }

    private static int array(byte[] b, int i, int to, JsonBytes out, int depth) {
        out.raw((byte) '[');
        i = skipBlank(b, i, to);
        if (i < to && b[i] == ']') {
            out.raw((byte) ']');
            return i + 1;
        }
        while (true) {
            i = value(b, i, to, out, depth + 1);
            if (i < 0) {
                return -1;
            }
            i = skipBlank(b, i, to);
            if (i >= to) {
                return -1;
            }
            if (b[i] == ']') {
                out.raw((byte) ']');
                return i + 1;
            }
            if (b[i] != ',') {
                return -1;
            }
            out.raw((byte) ',');
            i = skipBlank(b, i + 1, to);
        }
    }

    /** A string without escapes, re-escaped as Gson escapes (U+2028, U+2029); -1 for one with a backslash. */
    private static int string(byte[] b, int i, int to, JsonBytes out) {
        int start = i + 1;
        int j = start;
        while (j < to && b[j] != '"') {
            if (b[j] == '\\' || b[j] >= 0 && b[j] < 0x20) {
                return -1;
            }
            j++;
        }
        if (j >= to || !out.string(b, start, j, false)) {
            return -1;
        }
        return j + 1;
    }

    private static int literal(byte[] b, int i, int to, byte[] word, JsonBytes out) {
        if (to - i < word.length || !Arrays.equals(b, i, i + word.length, word, 0, word.length)) {
            return -1;
        }
        out.raw(word);
        return i + word.length;
    }

    /** A number in JSON's strict grammar, written as it is (Gson keeps a parsed number's text). */
    private static int number(byte[] b, int i, int to, JsonBytes out) {
        int start = i;
        if (i < to && b[i] == '-') {
            i++;
        }
        if (i >= to) {
            return -1;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            i = digits(b, i, to);
        } else {
            return -1;
        }
        if (i < to && b[i] == '.') {
            int d = digits(b, i + 1, to);
            if (d == i + 1) {
                return -1;
            }
            i = d;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int d = digits(b, i, to);
            if (d == i) {
                return -1;
            }
            i = d;
        }
        out.raw(b, start, i - start);
        return i;
    }

    private static int digits(byte[] b, int i, int to) {
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    private static int skipBlank(byte[] b, int i, int to) {
        while (i < to && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
}
