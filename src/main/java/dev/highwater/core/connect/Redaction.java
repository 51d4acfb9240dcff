package dev.highwater.core.connect;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Keeps secrets out of logs, messages and exports. */
public final class Redaction {

    public static final String HIDDEN = "[hidden]";

    private Redaction() {
    }

    /** Whether a client property holds a secret (passwords, JAAS lines with credentials, keys, tokens). */
    public static boolean isSecretProperty(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas.config") || k.contains("token")
                || k.contains("credential") || k.equals("ssl.keystore.key") || k.endsWith(".private.key");
    }

    /** The properties with every secret value replaced, sorted, for showing or logging. */
    public static Map<String, String> redacted(Map<String, ?> properties) {
        Map<String, String> out = new TreeMap<>();
        properties.forEach((k, v) -> out.put(k, isSecretProperty(k) ? HIDDEN : String.valueOf(v)));
        return out;
    }

    /** {@code text} with every occurrence of the given secret values replaced. */
    public static String scrub(String text, Collection<String> secretValues) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secretValues) {
            if (s != null && s.length() >= 3) {
                out = out.replace(s, HIDDEN);
            }
        }
        return out;
    }
}
