package dev.highwater.core.evolution;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

import java.util.List;
import java.util.Map;

/**
 * The Avro rules between a new schema and one registered version: Avro's own resolution check
 * ({@link SchemaCompatibility}), run with the new schema reading the registered version's data (backward) and the
 * registered version reading the new schema's data (forward), its findings turned into sentences that name the
 * record and field.
 */
final class AvroEvolution {

    private AvroEvolution() {
    }

    /**
     * Parses a schema with the named types it references (their texts in dependency order); an
     * IllegalArgumentException says in one sentence why it does not parse.
     */
    static Schema parse(String text, Map<String, String> referenced, String what) {
        Schema.Parser parser = new Schema.Parser();
        try {
            for (String ref : referenced.values()) {
                parser.parse(ref);
            }
            return parser.parse(text);
        } catch (org.apache.avro.AvroRuntimeException e) {
            throw new IllegalArgumentException(what + " is not a valid Avro schema: " + e.getMessage());
        }
    }

    static void compare(Schema registered, Schema now, String version, boolean backward, boolean forward,
                        List<Finding> out) {
        if (backward) {
            check(now, registered, "the new schema cannot read " + version + "'s records", out);
        }
        if (forward) {
            check(registered, now, version + " cannot read the new schema's records", out);
        }
    }

    private static void check(Schema reader, Schema writer, String consequence, List<Finding> out) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        for (Incompatibility i : result.getIncompatibilities()) {
            out.add(Finding.breaking(consequence + ": " + sentence(i, reader)));
        }
    }

    private static String sentence(Incompatibility i, Schema reader) {
        String at = place(reader, i.getLocation());
        Schema r = i.getReaderFragment();
        Schema w = i.getWriterFragment();
        return switch (i.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "field " + fieldOf(r, i.getMessage())
                    + " has no default in the reader and the writer's records lack it";
            case TYPE_MISMATCH -> at + " is " + kind(w) + " in the writer and " + kind(r) + " in the reader";
            case NAME_MISMATCH -> at + " is named " + w.getFullName() + " in the writer and " + r.getFullName()
                    + " in the reader (an alias in the reader would match them)";
            case FIXED_SIZE_MISMATCH -> at + " is a fixed of " + w.getFixedSize() + " bytes in the writer and "
                    + r.getFixedSize() + " in the reader";
            case MISSING_ENUM_SYMBOLS -> at + " (enum " + r.getFullName() + ") lacks the writer's symbols "
                    + i.getMessage() + " and has no default symbol";
            case MISSING_UNION_BRANCH -> at + " is a union without a branch for the writer's " + kind(w);
        };
    }

    private static String fieldOf(Schema record, String field) {
        return record.getType() == Schema.Type.RECORD ? record.getFullName() + "." + field : field;
    }

    private static String kind(Schema s) {
        return switch (s.getType()) {
            case RECORD, ENUM, FIXED -> s.getType().getName() + " " + s.getFullName();
            case ARRAY -> "an array of " + kind(s.getElementType());
            case MAP -> "a map of " + kind(s.getValueType());
            case UNION -> "a union " + s.getTypes().stream().map(t -> t.getType().getName()).toList();
            default -> s.getType().getName();
        };
    }

    /** A location like /fields/1/type/items said as "field a.B.items[]" by walking the reader schema. */
    static String place(Schema reader, String location) {
        StringBuilder path = new StringBuilder();
        Schema s = reader;
        String[] parts = location == null ? new String[0] : location.split("/");
        for (int k = 1; k < parts.length && s != null; k++) {
            switch (parts[k]) {
                case "fields" -> {
                    if (k + 1 < parts.length && s.getType() == Schema.Type.RECORD) {
                        Schema.Field f = s.getFields().get(Integer.parseInt(parts[++k]));
                        path.setLength(0);
                        path.append(s.getFullName()).append('.').append(f.name());
                        s = f.schema();
                    }
                }
                case "items" -> {
                    path.append("[]");
                    s = s.getType() == Schema.Type.ARRAY ? s.getElementType() : null;
                }
                case "values" -> {
                    path.append("{}");
                    s = s.getType() == Schema.Type.MAP ? s.getValueType() : null;
                }
                case "type", "symbols", "size", "name" -> {
                    // the field's own schema, or a part of the named type: the path says it already
                }
                default -> {
                    if (s.getType() == Schema.Type.UNION && parts[k].chars().allMatch(Character::isDigit)) {
                        s = s.getTypes().get(Integer.parseInt(parts[k]));
                        path.append(" (union branch ").append(s.getType().getName()).append(')');
                    }
                }
            }
        }
        if (path.isEmpty()) {
            return "the top-level " + kind(reader);
        }
        return "field " + path;
    }
}
