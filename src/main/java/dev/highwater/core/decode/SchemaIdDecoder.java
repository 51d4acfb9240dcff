package dev.highwater.core.decode;

import com.google.gson.JsonParser;
import dev.highwater.core.registry.SubjectVersion;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a registry-framed key or value with the schema its id names in the registry, whatever that schema's
 * kind: Protobuf (the frame's message indexes pick the message), Avro (the rest is Avro binary) or JSON Schema
 * (the rest is JSON text). The row carries the subject, version and id it was read with. An id the registry
 * does not know, a registry that does not answer or refuses the credentials, a schema that does not compile,
 * bytes that are not of the schema: each is a failed row with the reason, and the next record is read as if
 * nothing happened. Also reads Avro values by an .avsc type and Avro object container files. Not thread-safe:
 * one per decoding thread, as its {@link RecordDecoder}.
 */
final class SchemaIdDecoder {

    /** The Protobuf reading of the decoder this one serves (its scanner and field plans). */
    @FunctionalInterface
    interface ProtoRead {
        Decoding read(byte[] bytes, int from, ProtoShape shape, Format format, int schemaId, String decoder);
    }

    private record UsageKey(String topic, int id) {
    }

    /** The registry framing without message indexes: magic byte and schema id. */
    private static final int AVRO_OFFSET = 5;

    private final WriterSchemas schemas;
    private final boolean keys;
    private final ProtoRead proto;
    private final Map<UsageKey, SubjectVersion> usages = new HashMap<>();
    /** The decoder's label of each id's Avro type and of each Protobuf message: made once, not per record. */
    private final Map<Object, String> labels = new HashMap<>();
    private int compiledId = -1; // the last id's compiled schema: records come in runs of one id
    private WriterSchemas.Compiled compiledLast;
    private String lastTopic; // the last usage found, for the usual run of records of one topic and id
    private int lastId = -1;
    private SubjectVersion lastUsage;

    SchemaIdDecoder(WriterSchemas schemas, boolean keys, ProtoRead proto) {
        this.schemas = schemas;
        this.keys = keys;
        this.proto = proto;
    }

    /** Reads framed bytes ({@link RegistryFrame#hasSchemaId}) by their schema id, {@code paths} picked. */
    Decoding decode(String topic, byte[] bytes, List<String> paths) {
        int id = RegistryFrame.schemaId(bytes);
        WriterSchemas.Compiled c = id == compiledId ? compiledLast : null;
        try {
            if (c == null) {
                c = schemas.compiled(id);
                compiledId = id;
                compiledLast = c;
            }
        } catch (RuntimeException e) {
            // the registry's sentence (unknown id, unreachable, refused); a fault of an adapter's is one line too
            String why = e instanceof dev.highwater.core.registry.RegistryException ? e.getMessage()
                    : "asking the registry failed (" + e + ")";
            return Decoding.failed(Format.REGISTRY, null, id, "schema registry (schema id " + id + ")", why);
        }
        Decoding d = read(c, id, bytes, paths);
        return d.readWith(usage(topic, id));
    }

    private Decoding read(WriterSchemas.Compiled c, int id, byte[] bytes, List<String> paths) {
        String label = WriterSchemas.label(c.schema().type());
        Format format = switch (c.schema().type()) {
            case PROTOBUF -> Format.REGISTRY_PROTOBUF;
            case AVRO -> Format.REGISTRY_AVRO;
            case JSON -> Format.REGISTRY_JSON;
        };
        if (c.problem() != null) {
            return Decoding.failed(format, null, id, format.label() + " (schema id " + id + ")", c.problem());
        }
        return switch (c.schema().type()) {
            case PROTOBUF -> protobuf(c, id, bytes);
            case AVRO -> avro(c.avro(), bytes, AVRO_OFFSET, format, id, labels.computeIfAbsent(id,
                    k -> format.label() + " " + c.avro().name() + " (schema id " + id + ")"), paths);
            case JSON -> json(bytes, id, paths, label);
        };
    }

    private static final int[] FIRST_MESSAGE = {0};
    private WriterSchemas.Compiled firstOf; // the schema whose first message is firstShape
    private ProtoShape firstShape;

    private Decoding protobuf(WriterSchemas.Compiled c, int id, byte[] bytes) {
        if (bytes.length > 5 && bytes[5] == 0) {
            // the usual frame: a single 0 for the message indexes, the schema's first message
            if (c != firstOf) {
                firstShape = schemas.message(c, FIRST_MESSAGE);
                firstOf = c;
            }
            if (firstShape != null) {
                return proto.read(bytes, 6, firstShape, Format.REGISTRY_PROTOBUF, id, labels.computeIfAbsent(
                        firstShape, k -> "registry-protobuf " + firstShape.type().getFullName() + " (schema id " + id
                                + ")"));
            }
        }
        RegistryFrame frame;
        try {
            frame = RegistryFrame.parse(bytes);
        } catch (IllegalArgumentException e) {
            return Decoding.failed(Format.REGISTRY_PROTOBUF, null, id, "schema-registry framing", e.getMessage());
        }
        ProtoShape shape = schemas.message(c, frame.messageIndexes());
        if (shape == null) {
            return Decoding.failed(Format.REGISTRY_PROTOBUF, null, id, "registry-protobuf (schema id " + id + ")",
                    "the frame's message indexes " + WriterSchemas.path(frame.messageIndexes())
                            + " name no message of the schema of id " + id);
        }
        return proto.read(bytes, frame.payloadOffset(), shape, Format.REGISTRY_PROTOBUF, id, labels.computeIfAbsent(
                shape, k -> "registry-protobuf " + shape.type().getFullName() + " (schema id " + id + ")"));
    }

    private static Decoding json(byte[] bytes, int id, List<String> paths, String label) {
        String decoder = Format.REGISTRY_JSON.label() + " (schema id " + id + ")";
        try {
            var root = JsonFields.parse(bytes, AVRO_OFFSET);
            return Decoding.ok(Format.REGISTRY_JSON, null, AVRO_OFFSET, id,
                    paths.isEmpty() ? null : JsonFields.pick(root, paths), decoder);
        } catch (IllegalArgumentException e) {
            return Decoding.failed(Format.REGISTRY_JSON, null, id, decoder, "the value after the " + label
                    + " schema id is not JSON: " + e.getMessage());
        }
    }

    /** An Avro value of {@code type} from {@code from} on; bytes that do not fit are a failure that says how. */
    static Decoding avro(AvroType type, byte[] bytes, int from, Format format, int id, String decoder,
                         List<String> paths) {
        try {
            Object datum = type.read(bytes, from);
            Object[] fields = paths.isEmpty() ? null : AvroJson.pick(type.schema(), datum, paths);
            return Decoding.avro(format, type, from, id, fields, decoder);
        } catch (IllegalArgumentException e) {
            return new Decoding(format, null, 0, id, null, decoder, e.getMessage(), null, type);
        }
    }

    /** An Avro object container file: every record in it read with the schema in its header. */
    static Decoding container(byte[] bytes, List<String> paths) {
        try {
            String name = AvroJson.containerType(bytes);
            Object[] fields = paths.isEmpty() ? null
                    : JsonFields.pick(JsonParser.parseString(AvroJson.container(bytes)), paths);
            return Decoding.ok(Format.AVRO, null, 0, -1, fields, "avro object container (" + name + ")");
        } catch (IllegalArgumentException e) {
            return Decoding.failed(Format.AVRO, null, -1, "avro object container", e.getMessage());
        }
    }

    private SubjectVersion usage(String topic, int id) {
        if (id == lastId && topic.equals(lastTopic)) {
            return lastUsage;
        }
        UsageKey key = new UsageKey(topic, id);
        SubjectVersion known = usages.get(key);
        if (known != null) {
            lastTopic = topic;
            lastId = id;
            lastUsage = known;
            return known;
        }
        SubjectVersion v = schemas.usage(id, topic, keys);
        if (v.subject() != null) {
            usages.put(key, v); // a registry that did not say is asked again for a later record
            lastTopic = topic;
            lastId = id;
            lastUsage = v;
        }
        return v;
    }
}
