package dev.highwater.core.registry;

/**
 * A schema's reference to another subject's schema: {@code name} is how the schema refers to it (a Protobuf
 * import path, an Avro full type name, a JSON Schema {@code $ref}).
 */
public record SchemaReference(String name, String subject, int version) {
}
