package dev.highwater.core.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which fields of a record a report must not show: those whose names look like they hold a secret (passwords,
 * tokens, API keys, card numbers…) and those the user named. Names are compared without case, spaces, dashes
 * or underscores, so {@code card_number}, {@code cardNumber} and {@code Card-Number} are one name; a field is
 * hidden at any depth, and in a record's headers too.
 */
public final class SecretFields {

    public static final String MASK = "***";

    /** Parts of a name that mark a secret (after normalising). */
    private static final List<String> SECRET_PARTS = List.of("password", "passwd", "pwd", "secret", "token",
            "apikey", "authorization", "credential", "cardnumber", "creditcard", "cvv", "privatekey", "accesskey");

    private final Set<String> configured;

    /** @param configured names of further fields to hide (blank ones ignored) */
    public SecretFields(Collection<String> configured) {
        Set<String> names = new TreeSet<>();
        for (String c : configured) {
            if (c != null && !normal(c).isEmpty()) {
                names.add(normal(c));
            }
        }
        this.configured = Set.copyOf(names);
    }

    /** Whether a field or header of this name is hidden. */
    public boolean hides(String name) {
        String n = normal(name);
        return configured.contains(n) || SECRET_PARTS.stream().anyMatch(n::contains);
    }

    /**
     * Replaces, in place, the value of every hidden field at any depth of the tree with {@link #MASK}.
     *
     * @return the text of the values hidden (of three characters or more), so that the same values can be masked
     *         where else they appear in the record ({@link #scrub})
     */
    public Set<String> redact(JsonElement tree) {
        Set<String> hidden = new TreeSet<>();
        redact(tree, hidden);
        return hidden;
    }

    private void redact(JsonElement tree, Set<String> hidden) {
        if (tree instanceof JsonObject o) {
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                if (hides(e.getKey())) {
                    collect(e.getValue(), hidden);
                    e.setValue(new JsonPrimitive(MASK));
                } else {
                    redact(e.getValue(), hidden);
                }
            }
        } else if (tree instanceof JsonArray a) {
            a.forEach(element -> redact(element, hidden));
        }
    }

    private static void collect(JsonElement value, Set<String> hidden) {
        if (value instanceof JsonPrimitive p) {
            if (p.getAsString().length() >= 3) {
                hidden.add(p.getAsString());
            }
        } else if (value instanceof JsonObject o) {
            o.entrySet().forEach(e -> collect(e.getValue(), hidden));
        } else if (value instanceof JsonArray a) {
            a.forEach(element -> collect(element, hidden));
        }
    }

    /**
     * The element with every occurrence of the given values in its strings replaced by {@link #MASK}: a hidden
     * field's value may also be the record's key, or be quoted in another field.
     */
    public static JsonElement scrub(JsonElement element, Set<String> values) {
        if (values.isEmpty()) {
            return element;
        }
        if (element instanceof JsonPrimitive p && p.isString()) {
            String text = p.getAsString();
            for (String v : values) {
                text = text.replace(v, MASK);
            }
            return new JsonPrimitive(text);
        }
        if (element instanceof JsonObject o) {
            o.entrySet().forEach(e -> e.setValue(scrub(e.getValue(), values)));
        } else if (element instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, scrub(a.get(i), values));
            }
        }
        return element;
    }

    private static String normal(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
