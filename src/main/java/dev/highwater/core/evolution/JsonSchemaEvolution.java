package dev.highwater.core.evolution;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON Schema rules between a new schema and one registered version, what they check and nothing more: a
 * property's (or array item's) type narrowed, a property newly required (old data may lack it: backward), a
 * required property no longer required (old readers demand it: forward), and a property removed from, or added to,
 * an object that allows no other properties. {@code $ref}, allOf/anyOf/oneOf, enums, formats, patterns and bounds
 * are not compared; a note in every report says so.
 */
final class JsonSchemaEvolution {

    static final String NOT_CHECKED = "JSON Schema checks cover types, required properties and closed objects; "
            + "$ref, allOf/anyOf/oneOf, enum, format, pattern and bounds are not compared";

    private JsonSchemaEvolution() {
    }

    /** Parses a schema; an IllegalArgumentException says in one sentence why it is not one. */
    static JsonObject parse(String text, String what) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(what + " is not a JSON Schema: it is not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getMessage());
        }
    }

    static void compare(JsonObject registered, JsonObject now, String version, boolean backward, boolean forward,
                        List<Finding> out) {
        node(registered, now, "", version, backward, forward, out);
    }

    private static void node(JsonObject old, JsonObject now, String path, String version, boolean backward,
                             boolean forward, List<Finding> out) {
        String at = path.isEmpty() ? "the top-level value" : "property " + path;
        Set<String> was = types(old);
        Set<String> is = types(now);
        if (backward && !accepts(is, was)) {
            out.add(Finding.breaking(at + " is " + was + " in " + version + " and " + is + " now: the new schema "
                    + "rejects " + version + "'s data"));
        } else if (forward && !accepts(was, is)) {
            out.add(Finding.breaking(at + " is " + was + " in " + version + " and " + is + " now: " + version
                    + " rejects the new schema's data"));
        }
        Set<String> oldRequired = strings(old, "required");
        Set<String> newRequired = strings(now, "required");
        JsonObject oldProps = object(old, "properties");
        JsonObject newProps = object(now, "properties");
        for (String p : newRequired) {
            if (backward && !oldRequired.contains(p)) {
                out.add(Finding.breaking("property " + path + "/" + p + " is required now but not in " + version
                        + ", whose data may lack it"));
            }
        }
        for (String p : oldRequired) {
            if (forward && !newRequired.contains(p)) {
                out.add(Finding.breaking("property " + path + "/" + p + " is required in " + version
                        + " and no longer is: " + version + "'s readers reject new data that lacks it"));
            }
        }
        for (String p : oldProps.keySet()) {
            if (!newProps.has(p) && closed(now) && backward) {
                out.add(Finding.breaking("property " + path + "/" + p + " of " + version + " is removed and no "
                        + "other properties are allowed: the new schema rejects " + version + "'s data"));
            } else if (newProps.has(p) && oldProps.get(p).isJsonObject() && newProps.get(p).isJsonObject()) {
                node(oldProps.getAsJsonObject(p), newProps.getAsJsonObject(p), path + "/" + p, version, backward,
                        forward, out);
            }
        }
        for (String p : newProps.keySet()) {
            if (!oldProps.has(p) && closed(old) && forward) {
                out.add(Finding.breaking("property " + path + "/" + p + " is new and " + version + " allows no "
                        + "other properties: " + version + " rejects the new schema's data"));
            }
        }
        if (old.has("items") && now.has("items") && old.get("items").isJsonObject() && now.get("items").isJsonObject()) {
            node(old.getAsJsonObject("items"), now.getAsJsonObject("items"), path + "[]", version, backward, forward,
                    out);
        }
    }

    /** The types a schema allows ("any" when it does not say). */
    private static Set<String> types(JsonObject s) {
        Set<String> t = new TreeSet<>();
        JsonElement type = s.get("type");
        if (type == null) {
            t.add("any");
        } else if (type.isJsonArray()) {
            type.getAsJsonArray().forEach(e -> t.add(e.getAsString()));
        } else {
            t.add(type.getAsString());
        }
        return t;
    }

    private static boolean accepts(Set<String> reader, Set<String> writer) {
        if (reader.contains("any")) {
            return true;
        }
        for (String w : writer) {
            if (!reader.contains(w) && !(w.equals("integer") && reader.contains("number"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean closed(JsonObject s) {
        JsonElement a = s.get("additionalProperties");
        return a != null && a.isJsonPrimitive() && !a.getAsBoolean();
    }

    private static Set<String> strings(JsonObject s, String key) {
        Set<String> out = new LinkedHashSet<>();
        if (s.has(key) && s.get(key).isJsonArray()) {
            s.getAsJsonArray(key).forEach(e -> out.add(e.getAsString()));
        }
        return out;
    }

    private static JsonObject object(JsonObject s, String key) {
        return s.has(key) && s.get(key).isJsonObject() ? s.getAsJsonObject(key) : new JsonObject();
    }
}
