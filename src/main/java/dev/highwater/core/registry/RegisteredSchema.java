package dev.highwater.core.registry;

import java.util.List;
import java.util.Map;

/**
 * A schema as the registry holds it under an id, with every schema it references, directly or not, resolved.
 * An id never changes its schema, so this is cached for as long as the connection lives.
 *
 * @param id         the registry's schema id
 * @param type       Avro, Protobuf or JSON Schema
 * @param text       the schema's text
 * @param references the schema's own references, in the registry's order
 * @param referenced every referenced schema's text by its reference name (imports of imports included), in
 *                   the order they must be read (a schema after those it references)
 */
public record RegisteredSchema(int id, SchemaType type, String text, List<SchemaReference> references,
                               Map<String, String> referenced) {

    public RegisteredSchema {
        references = List.copyOf(references);
        referenced = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(referenced));
    }
}
