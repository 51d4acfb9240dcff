package dev.highwater.core.decode;

/** How a record's key or value was read; the name is what the CLI's JSON and the table show. */
public enum Format {
    PROTOBUF("protobuf"),
    REGISTRY_PROTOBUF("registry-protobuf"),
    /** Registry framing whose schema could not be had (an unknown id, a registry that does not answer). */
    REGISTRY("registry"),
    /** Avro behind registry framing, read with the writer's schema from the registry. */
    REGISTRY_AVRO("registry-avro"),
    /** JSON behind registry framing, its JSON Schema from the registry. */
    REGISTRY_JSON("registry-json"),
    /** Avro binary read with a schema from an .avsc file, or an Avro object container file. */
    AVRO("avro"),
    JSON("json"),
    TEXT("text"),
    HEX("hex"),
    NULL("null");

    private final String label;

    Format(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
