package dev.highwater.core.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the top-level fields of the ledger's JSON shape into reusable buffers: string values unescaped as
 * UTF-8, number values as their text (so an amount written as a JSON number stays exact). Other fields, nested
 * values included, are skipped. Strict enough to call anything malformed malformed.
 */
final class JsonFields {

    /** One field's value: UTF-8 bytes in a buffer reused from record to record. */
    static final class Value {
        byte[] bytes = new byte[64];
        int len;
        boolean present;

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

    final Value type = new Value();
    final Value id = new Value();
    final Value account = new Value();
    final Value amount = new Value();
    final Value reference = new Value();
    final Value timestamp = new Value();
    private final Value ignored = new Value();
    private final Value key = new Value();
    /** The fields read, and their names in the JSON shape, in the same order. */
    private final Value[] fields = {type, id, account, amount, reference, timestamp};
    private static final String[] NAMES = {"eventType", "eventId", "accountId", "amount", "reference", "timestamp"};

    private byte[] b;
    private int pos;

    /** @return null when the object was read, else what is wrong with it */
    String read(byte[] bytes, int start) {
        b = bytes;
        pos = start + 1;
        for (Value v : fields) {
            v.present = false;
            v.len = 0;
        }
        try {
            skipBlank();
            if (peek() == '}') {
                pos++;
                return trailing();
            }
            while (true) {
                skipBlank();
                if (peek() != '"') {
                    return "malformed JSON at byte " + pos;
                }
                key.len = 0;
                readString(key);
                skipBlank();
                if (b[pos++] != ':') {
                    return "malformed JSON at byte " + (pos - 1);
                }
                skipBlank();
                Value target = target();
                if (target.present) {
                    // a JSON reader would keep the last one; an audit refuses to choose silently
                    return "field " + key.text() + " appears twice";
                }
                target.len = 0;
                byte c = peek();
                if (c == '"') {
                    readString(target);
                } else if (c == '-' || (c >= '0' && c <= '9')) {
                    while (pos < b.length && isNumberChar(b[pos])) {
                        target.put(b[pos++]);
                    }
                } else if (c == '{' || c == '[') {
                    if (target != ignored) {
                        return "field " + key.text() + " is not a string or number";
                    }
                    skipNested();
                } else if (matches("true") || matches("false")) {
                    if (target != ignored) {
                        return "field " + key.text() + " is not a string or number";
                    }
                } else if (matches("null")) {
                    target = ignored; // a null field is as good as a missing one
                } else {
                    return "malformed JSON at byte " + pos;
                }
                target.present = target != ignored;
                skipBlank();
                byte next = b[pos++];
                if (next == '}') {
                    return trailing();
                }
                if (next != ',') {
                    return "malformed JSON at byte " + (pos - 1);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | StringIndexOutOfBoundsException e) {
            return "the JSON object is cut short";
        } catch (IllegalArgumentException e) {
            return "malformed JSON escape";
        }
    }

    private String trailing() {
        skipBlank();
        return pos == b.length ? null : "text after the JSON object";
    }

    private Value target() {
        for (int i = 0; i < NAMES.length; i++) {
            if (key.is(NAMES[i])) {
                return fields[i];
            }
        }
        return ignored;
    }

    /** A literal true/false/null: consumed when it matches. */
    private boolean matches(String literal) {
        if (pos + literal.length() > b.length) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            if (b[pos + i] != literal.charAt(i)) {
                return false;
            }
        }
        pos += literal.length();
        return true;
    }

    private static boolean isNumberChar(byte c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    private byte peek() {
        return b[pos];
    }

    private void skipBlank() {
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) {
            pos++;
        }
    }

    private void readString(Value into) {
        pos++; // the opening quote
        // most strings have no escape: copy the run up to the closing quote at once
        int start = pos;
        byte first;
        while ((first = b[pos]) != '"' && first != '\\') {
            pos++;
        }
        into.put(b, start, pos - start);
        while (true) {
            byte c = b[pos++];
            if (c == '"') {
                return;
            }
            if (c != '\\') {
                into.put(c);
                continue;
            }
            byte e = b[pos++];
            switch (e) {
                case 'n' -> into.put((byte) '\n');
                case 't' -> into.put((byte) '\t');
                case 'r' -> into.put((byte) '\r');
                case 'b' -> into.put((byte) '\b');
                case 'f' -> into.put((byte) '\f');
                case 'u' -> {
                    int cp = Integer.parseInt(new String(b, pos, 4, StandardCharsets.US_ASCII), 16);
                    pos += 4;
                    if (Character.isHighSurrogate((char) cp) && b[pos] == '\\' && b[pos + 1] == 'u') {
                        int low = Integer.parseInt(new String(b, pos + 2, 4, StandardCharsets.US_ASCII), 16);
                        pos += 6;
                        cp = Character.toCodePoint((char) cp, (char) low);
                    }
                    for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                        into.put(x);
                    }
                }
                default -> into.put(e); // \" \\ \/
            }
        }
    }

    private void skipNested() {
        int depth = 0;
        do {
            byte c = b[pos++];
            if (c == '"') {
                pos--;
                readString(ignored);
                ignored.len = 0;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        } while (depth > 0);
    }
}
