package dev.highwater.core.text;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Gson's streaming writer, compact, into a string, for the command line's output shapes. It keeps two things
 * of ours: writing to a string cannot fail, so the calls throw no {@link IOException}; and a double is written
 * with at most 3 decimals (null when it is not a finite number), as the documented output shapes show it.
 */
public final class JsonWriter {

    private final StringWriter text = new StringWriter(256);
    private final com.google.gson.stream.JsonWriter out = new com.google.gson.stream.JsonWriter(text);

    public JsonWriter beginObject() {
        return write(out::beginObject);
    }

    public JsonWriter endObject() {
        return write(out::endObject);
    }

    public JsonWriter beginArray() {
        return write(out::beginArray);
    }

    public JsonWriter endArray() {
        return write(out::endArray);
    }

    public JsonWriter name(String name) {
        return write(() -> out.name(name));
    }

    public JsonWriter value(String s) {
        return write(() -> out.value(s));
    }

    public JsonWriter value(Long n) {
        return write(() -> out.value(n));
    }

    public JsonWriter value(long n) {
        return write(() -> out.value(n));
    }

    /** Finite doubles with up to 3 decimals; null, NaN and infinities as null. */
    public JsonWriter value(Double d) {
        if (d == null || !Double.isFinite(d)) {
            return write(out::nullValue);
        }
        String s = String.format(Locale.ROOT, "%.3f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
        return write(() -> out.jsonValue(s.equals("-0") ? "0" : s));
    }

    public JsonWriter value(boolean b) {
        return write(() -> out.value(b));
    }

    /** A value already written as JSON (a decoded message, say). */
    public JsonWriter raw(String json) {
        return write(() -> out.jsonValue(json));
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private interface Step {
        void run() throws IOException;
    }

    private JsonWriter write(Step step) {
        try {
            step.run();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
    }
}
