package dev.highwater.core.decode;

/**
 * How one key or value was read: its format, its Protobuf type when it has one, where the payload starts (after
 * registry framing), the schema id, and the values of the fields a filter asked for. When it could not be read,
 * {@code error} says why and {@code decoder} names the decoder that failed.
 *
 * @param format        what it was read as (for a failure: what was tried)
 * @param shape         the Protobuf type, or null
 * @param payloadOffset where the payload starts in the bytes
 * @param schemaId      the registry schema id, or -1
 * @param fields        values of the filter's fields (by slot), or null
 * @param decoder       the decoder used, as shown to the user ("protobuf ledger.LedgerEvent", "json", …)
 * @param error         why the bytes could not be read, or null when they were
 */
public record Decoding(Format format, ProtoShape shape, int payloadOffset, int schemaId, Object[] fields,
                       String decoder, String error) {

    public static Decoding ok(Format format, ProtoShape shape, int payloadOffset, int schemaId, Object[] fields,
                              String decoder) {
        return new Decoding(format, shape, payloadOffset, schemaId, fields, decoder, null);
    }

    public static Decoding failed(Format tried, ProtoShape shape, int schemaId, String decoder, String error) {
        return new Decoding(tried, shape, 0, schemaId, null, decoder, error);
    }

    public boolean failed() {
        return error != null;
    }

    /** The Protobuf type's full name, or null. */
    public String typeName() {
        return shape == null ? null : shape.type().getFullName();
    }
}
