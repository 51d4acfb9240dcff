package dev.highwater.core.text;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of UTF-8 bytes that JSON is written into directly, for output that streams millions of lines:
 * no String, no char[] and no encoder between a record's bytes and the terminal. Strings are escaped exactly as
 * Gson's compact writer escapes them ({@link JsonWriter}), or, with {@code htmlSafe}, as protobuf-java-util's JSON
 * printer does (which also escapes {@code < > & = '}). Not thread-safe: one per writing thread.
 */
public final class JsonBytes {

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            .getBytes(StandardCharsets.US_ASCII);
    /** For an ASCII character: 0 none, 1 its short escape ({@code \n}), 2 {@code \\u00XX}, 3 the latter when html-safe. */
    private static final byte[] ESCAPE = new byte[128];
    private static final byte[] SHORT = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 2;
        }
        shortEscape('"', '"');
        shortEscape('\\', '\\');
        shortEscape('\t', 't');
        shortEscape('\b', 'b');
        shortEscape('\n', 'n');
        shortEscape('\r', 'r');
        shortEscape('\f', 'f');
        for (char c : "<>&='".toCharArray()) {
            ESCAPE[c] = 3;
        }
    }

    private static void shortEscape(char c, char letter) {
        ESCAPE[c] = 1;
        SHORT[c] = (byte) letter;
    }

    private byte[] buf;
    private int len;

    public JsonBytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int length() {
        return len;
    }

    /** Forgets what was written after {@code length} (a line given up half-way). */
    public void truncate(int length) {
        len = length;
    }

    public JsonBytes raw(byte c) {
        ensure(1);
        buf[len++] = c;
        return this;
    }

    public JsonBytes raw(byte[] bytes) {
        return raw(bytes, 0, bytes.length);
    }

    public JsonBytes raw(byte[] bytes, int from, int count) {
        ensure(count);
        System.arraycopy(bytes, from, buf, len, count);
        len += count;
        return this;
    }

    /** Text as it is, in UTF-8 (JSON made elsewhere, such as a decoder's rendering). */
    public JsonBytes utf8(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return raw(text.substring(i).getBytes(StandardCharsets.UTF_8));
            }
            buf[len++] = (byte) c;
        }
        return this;
    }

    /** A number in decimal. */
    public JsonBytes number(long n) {
        if (n >= 0 && n < 10) {
            return raw((byte) ('0' + n));
        }
        if (n == Long.MIN_VALUE) {
            return utf8(Long.toString(n));
        }
        ensure(20);
        if (n < 0) {
            buf[len++] = '-';
            n = -n;
        }
        int digits = 1;
        for (long t = n; t >= 10; t /= 10) {
            digits++;
        }
        int at = len + digits;
        len = at;
        do {
            buf[--at] = (byte) ('0' + n % 10);
            n /= 10;
        } while (n != 0);
        return this;
    }

    /** A JSON string, escaped as Gson's compact writer escapes it. */
    public JsonBytes string(String s) {
        ensure(s.length() + 2);
        buf[len++] = '"';
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ascii(c, false);
            } else if (c == '\u2028' || c == '\u2029') {
                unicodeEscape(c);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    codePoint(Character.toCodePoint(c, s.charAt(++i)));
                } else {
                    raw((byte) '?'); // as String.getBytes(UTF_8) writes an unpaired surrogate
                }
            } else {
                codePoint(c);
            }
        }
        return raw((byte) '"');
    }

    /**
     * A JSON string of UTF-8 bytes, escaped as Gson escapes (or, {@code htmlSafe}, as protobuf-java-util's printer
     * escapes). False, and nothing written, when the bytes are not valid UTF-8.
     */
    public boolean string(byte[] b, int from, int to, boolean htmlSafe) {
        int start = len;
        ensure(to - from + 2);
        buf[len++] = '"';
        int i = from;
        while (i < to) {
            int c = b[i];
            if (c >= 0) {
                if (ESCAPE[c] == 0 || ESCAPE[c] == 3 && !htmlSafe) {
                    ensure(1);
                    buf[len++] = (byte) c;
                } else {
                    ascii((char) c, htmlSafe);
                }
                i++;
                continue;
            }
            int n = sequenceLength(b, i, to);
            if (n == 0) {
                len = start;
                return false;
            }
            if (n == 3 && (b[i] & 0xff) == 0xE2 && (b[i + 1] & 0xff) == 0x80
                    && ((b[i + 2] & 0xff) == 0xA8 || (b[i + 2] & 0xff) == 0xA9)) {
                unicodeEscape((b[i + 2] & 0xff) == 0xA8 ? '\u2028' : '\u2029');
            } else {
                raw(b, i, n);
            }
            i += n;
        }
        raw((byte) '"');
        return true;
    }

    /** {@code bytes[from, to)} in standard Base64 with padding, quoted (how Protobuf's JSON writes bytes). */
    public JsonBytes base64(byte[] b, int from, int to) {
        int n = to - from;
        ensure((n + 2) / 3 * 4 + 2);
        buf[len++] = '"';
        int i = from;
        for (; i + 3 <= to; i += 3) {
            int v = (b[i] & 0xff) << 16 | (b[i + 1] & 0xff) << 8 | b[i + 2] & 0xff;
            buf[len++] = BASE64[v >>> 18];
            buf[len++] = BASE64[v >>> 12 & 63];
            buf[len++] = BASE64[v >>> 6 & 63];
            buf[len++] = BASE64[v & 63];
        }
        if (to - i == 1) {
            int v = (b[i] & 0xff) << 16;
            buf[len++] = BASE64[v >>> 18];
            buf[len++] = BASE64[v >>> 12 & 63];
            buf[len++] = '=';
            buf[len++] = '=';
        } else if (to - i == 2) {
            int v = (b[i] & 0xff) << 16 | (b[i + 1] & 0xff) << 8;
            buf[len++] = BASE64[v >>> 18];
            buf[len++] = BASE64[v >>> 12 & 63];
            buf[len++] = BASE64[v >>> 6 & 63];
            buf[len++] = '=';
        }
        buf[len++] = '"';
        return this;
    }

    /** Writes what the buffer holds and empties it. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
        len = 0;
    }

    /** What the buffer holds (a copy). */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private void ascii(char c, boolean htmlSafe) {
        int kind = ESCAPE[c];
        if (kind == 0 || kind == 3 && !htmlSafe) {
            ensure(1);
            buf[len++] = (byte) c;
        } else if (kind == 1) {
            ensure(2);
            buf[len++] = '\\';
            buf[len++] = SHORT[c];
        } else {
            unicodeEscape(c);
        }
    }

    private void unicodeEscape(char c) {
        ensure(6);
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = DIGITS[c >>> 12 & 15];
        buf[len++] = DIGITS[c >>> 8 & 15];
        buf[len++] = DIGITS[c >>> 4 & 15];
        buf[len++] = DIGITS[c & 15];
    }

    private void codePoint(int cp) {
        ensure(4);
        if (cp < 0x800) {
            buf[len++] = (byte) (0xC0 | cp >>> 6);
        } else if (cp < 0x10000) {
            buf[len++] = (byte) (0xE0 | cp >>> 12);
            buf[len++] = (byte) (0x80 | cp >>> 6 & 0x3F);
        } else {
            buf[len++] = (byte) (0xF0 | cp >>> 18);
            buf[len++] = (byte) (0x80 | cp >>> 12 & 0x3F);
            buf[len++] = (byte) (0x80 | cp >>> 6 & 0x3F);
        }
        buf[len++] = (byte) (0x80 | cp & 0x3F);
    }

    /** Whether {@code b[from, to)} is well-formed UTF-8 (as protobuf and Java's decoder judge it), with no copy. */
    public static boolean validUtf8(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            if (b[i] >= 0) {
                i++;
            } else {
                int n = sequenceLength(b, i, to);
                if (n == 0) {
                    return false;
                }
                i += n;
            }
        }
        return true;
    }

    /**
     * The length of the well-formed UTF-8 sequence that starts at {@code i} (a lead byte of 0x80 or more), or 0
     * when it is not one: overlong forms, surrogates and code points past U+10FFFF are not, as for Java's decoder.
     */
    private static int sequenceLength(byte[] b, int i, int to) {
        int c = b[i] & 0xff;
        if (c >= 0xC2 && c <= 0xDF) {
            return i + 1 < to && continuation(b[i + 1]) ? 2 : 0;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= to || !continuation(b[i + 1]) || !continuation(b[i + 2])) {
                return 0;
            }
            int c1 = b[i + 1] & 0xff;
            if (c == 0xE0 && c1 < 0xA0 || c == 0xED && c1 >= 0xA0) {
                return 0; // overlong, or a surrogate
            }
            return 3;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= to || !continuation(b[i + 1]) || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                return 0;
            }
            int c1 = b[i + 1] & 0xff;
            if (c == 0xF0 && c1 < 0x90 || c == 0xF4 && c1 >= 0x90) {
                return 0; // overlong, or past U+10FFFF
            }
            return 4;
        }
        return 0;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
