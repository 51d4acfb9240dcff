package dev.highwater.core.registry;

import java.util.Locale;

/** The kinds of schema a registry holds (Confluent's {@code schemaType}; absent means Avro). */
public enum SchemaType {
    AVRO, PROTOBUF, JSON;

    /** Confluent's {@code schemaType} field: null or empty is Avro, as the registry's API says. */
    public static SchemaType of(String schemaType) {
        if (schemaType == null || schemaType.isBlank()) {
            return AVRO;
        }
        return switch (schemaType.strip().toUpperCase(Locale.ROOT)) {
            case "AVRO" -> AVRO;
            case "PROTOBUF" -> PROTOBUF;
            case "JSON" -> JSON;
            default -> throw new RegistryException(RegistryException.Kind.BAD_ANSWER,
                    "the registry names a schema type Highwater does not know: " + schemaType.strip());
        };
    }
}
