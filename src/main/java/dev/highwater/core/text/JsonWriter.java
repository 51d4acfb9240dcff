package dev.highwater.core.text;

import java.util.Locale;

/**
 * A small streaming JSON writer for the command line's output shapes: objects, arrays, strings, numbers,
 * booleans and null, with correct escaping. Commas are placed automatically.
 */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder(256);
    private boolean needComma;

    public JsonWriter beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    public JsonWriter beginArray() {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    public JsonWriter endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    public JsonWriter name(String name) {
        comma();
        quote(name);
        out.append(':');
        needComma = false;
        return this;
    }

    public JsonWriter value(String s) {
        comma();
        if (s == null) {
            out.append("null");
        } else {
            quote(s);
        }
        needComma = true;
        return this;
    }

    public JsonWriter value(Long n) {
        comma();
        out.append(n == null ? "null" : n.toString());
        needComma = true;
        return this;
    }

    public JsonWriter value(long n) {
        return value(Long.valueOf(n));
    }

    /** Finite doubles with up to 3 decimals; null, NaN and infinities as null. */
    public JsonWriter value(Double d) {
        comma();
        if (d == null || d.isNaN() || d.isInfinite()) {
            out.append("null");
        } else {
            String s = String.format(Locale.ROOT, "%.3f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
            out.append(s.equals("-0") ? "0" : s);
        }
        needComma = true;
        return this;
    }

    public JsonWriter value(boolean b) {
        comma();
        out.append(b);
        needComma = true;
        return this;
    }

    /** A value already written as JSON (a decoded message, say). */
    public JsonWriter raw(String json) {
        comma();
        out.append(json);
        needComma = true;
        return this;
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
