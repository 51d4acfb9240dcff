package dev.highwater.core.decode;

import dev.highwater.core.registry.SubjectVersion;

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
 * @param schema        the registry schema it was read with (subject, version, id), or null when no registry was
 *                      asked; the subject is null (and the version -1) when the registry did not say where the id
 *                      is registered
 * @param avro          the Avro schema it was read with (a registry's or an .avsc file's), or null
 */
public record Decoding(Format format, ProtoShape shape, int payloadOffset, int schemaId, Object[] fields,
                       String decoder, String error, SubjectVersion schema, AvroType avro) {

    public Decoding(Format format, ProtoShape shape, int payloadOffset, int schemaId, Object[] fields, String decoder,
                    String error) {
        this(format, shape, payloadOffset, schemaId, fields, decoder, error, null, null);
    }

    public static Decoding ok(Format format, ProtoShape shape, int payloadOffset, int schemaId, Object[] fields,
                              String decoder) {
        return new Decoding(format, shape, payloadOffset, schemaId, fields, decoder, null);
    }

    public static Decoding failed(Format tried, ProtoShape shape, int schemaId, String decoder, String error) {
        return new Decoding(tried, shape, 0, schemaId, null, decoder, error);
    }

    /** An Avro value read with {@code avro} from {@code payloadOffset} on. */
    static Decoding avro(Format format, AvroType avro, int payloadOffset, int schemaId, Object[] fields,
                         String decoder) {
        return new Decoding(format, null, payloadOffset, schemaId, fields, decoder, null, null, avro);
    }

    /** This decoding, marked as read with the registry schema {@code used}. */
    Decoding readWith(SubjectVersion used) {
        return new Decoding(format, shape, payloadOffset, schemaId, fields, decoder, error, used, avro);
    }

    public boolean failed() {
        return error != null;
    }

    /** The Protobuf type's full name, or the Avro record's, or null. */
    public String typeName() {
        if (shape != null) {
            return shape.type().getFullName();
        }
        return avro == null ? null : avro.name();
    }
}
