package dev.highwater.core.grpc;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Metadata headers typed as "name: value", one per line, checked as gRPC will check them. */
public final class MetadataHeaders {

    private static final Pattern NAME = Pattern.compile("[0-9a-z_.\\-]+");

    private MetadataHeaders() {
    }

    /**
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static List<Map.Entry<String, String>> parse(String text) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            out.add(one(line, "header line " + (i + 1)));
        }
        return out;
    }

    /** One "name: value" (the command line's -H). */
    public static Map.Entry<String, String> one(String header, String where) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(where + " '" + header + "' is not 'name: value'.");
        }
        String name = header.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": '" + name + "' is not a valid header name (letters, digits, "
                    + "'-', '_', '.').");
        }
        if (name.startsWith("grpc-") || name.equals("content-type") || name.equals("te")) {
            throw new IllegalArgumentException(where + ": '" + name + "' is reserved by gRPC.");
        }
        return new AbstractMap.SimpleImmutableEntry<>(name, header.substring(colon + 1).strip());
    }
}
