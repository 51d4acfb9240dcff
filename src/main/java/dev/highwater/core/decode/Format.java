package dev.highwater.core.decode;

/** How a record's key or value was read; the name is what the CLI's JSON and the table show. */
public enum Format {
    PROTOBUF("protobuf"),
    REGISTRY_PROTOBUF("registry-protobuf"),
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
