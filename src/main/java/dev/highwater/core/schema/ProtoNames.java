package dev.highwater.core.schema;

/** Names derived from a .proto field name the way protoc derives them. */
public final class ProtoNames {

    private ProtoNames() {
    }

    /**
     * Underscores dropped and the letter after each upper-cased: a field's JSON name ({@code upperFirst} false),
     * or the name of a map field's entry type ({@code upperFirst} true).
     */
    public static String camelCase(String field, boolean upperFirst) {
        StringBuilder sb = new StringBuilder(field.length());
        boolean up = upperFirst;
        for (char ch : field.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }
}
