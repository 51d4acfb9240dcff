package dev.highwater.core.decode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.Strictness;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** JSON values: strict parsing, and picking fields by dotted path for filters and summaries. */
final class JsonFields {

    private JsonFields() {
    }

    /** Parses a JSON document strictly; an IllegalArgumentException says what is wrong. */
    static JsonElement parse(byte[] bytes, int from) {
        try {
            JsonReader reader = new JsonReader(new StringReader(new String(bytes, from, bytes.length - from,
                    StandardCharsets.UTF_8)));
            reader.setStrictness(Strictness.STRICT);
            JsonElement e = JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("JSON: text follows the end of the document");
            }
            return e;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | java.io.IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int seeUrl = m.indexOf("\nSee ");
            throw new IllegalArgumentException("JSON: " + (seeUrl > 0 ? m.substring(0, seeUrl) : m).strip());
        }
    }

    /** True when the first non-blank byte opens a JSON object or array. */
    static boolean looksLikeJson(byte[] b) {
        for (byte c : b) {
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            return c == '{' || c == '[';
        }
        return false;
    }

    static Object[] pick(JsonElement root, List<String> paths) {
        Object[] out = new Object[paths.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(at(root, paths.get(i)));
        }
        return out;
    }

    static JsonElement at(JsonElement root, String path) {
        JsonElement e = root;
        for (String part : path.split("\\.")) {
            if (e == null || !e.isJsonObject()) {
                return null;
            }
            JsonObject o = e.getAsJsonObject();
            e = o.get(part);
            if (e == null) {
                e = o.get(dev.highwater.core.schema.ProtoNames.camelCase(part, false));
            }
        }
        return e;
    }

    static Object value(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (p.isNumber()) {
                return p.getAsBigDecimal();
            }
            return p.getAsString();
        }
        return e.isJsonObject() ? "{…}" : "[…]";
    }
}
