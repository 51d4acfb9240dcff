package dev.highwater.core.decode;

import com.google.protobuf.Descriptors.Descriptor;
import dev.highwater.core.text.JsonBytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes one side (key or value) of records, choosing per record when the choice is {@link DecoderChoice#AUTO}:
 * the record's content-type header first, then schema-registry framing (read by the registry's schema of its id
 * when there is a registry), an Avro object container, JSON, the Protobuf type that last fitted this topic, every loaded Protobuf type (the best fit wins), UTF-8 text; bytes nothing reads are a failure that
 * says what was tried. A pinned decoder is used as told and fails visibly when the bytes are not what it reads.
 * Not thread-safe: one per decoding thread (it reuses its scanner and remembers each topic's type).
 */
public final class RecordDecoder {

    /** Types tried when guessing; beyond this the user is asked to pin one (a catalog of thousands is slow). */
    static final int MAX_GUESSES = 400;

    private final TypeSet types;
    private final DecoderChoice choice;
    private final Map<Integer, String> registryTypes;
    private final boolean keys;
    private final ProtoScanner scanner = new ProtoScanner();
    private final Map<String, ProtoShape> topicTypes = new HashMap<>();
    private final Map<ProtoShape, FieldPlan> plans = new IdentityHashMap<>();
    private final ProtoShape pinned;
    private final AvroType pinnedAvro;
    private final WriterSchemas schemas;
    private final SchemaIdDecoder byId;
    private List<String> paths = List.of();
    private byte[] lastContentType;
    private Decoding lastOk;
    private Header lastHeader;

    /** Read once per content-type: JSON, or the Protobuf type it names (null when not loaded) and its decoder. */
    private record Header(boolean json, ProtoShape shape, String named, String decoder) {
    }

    /** Decodings that are the same for every record: made once, not per record. */
    private static final Decoding NULL = Decoding.ok(Format.NULL, null, 0, -1, null, "null");
    private static final Decoding TEXT = Decoding.ok(Format.TEXT, null, 0, -1, null, "text");
    private static final Object[] NO_FIELDS = new Object[0];

    /**
     * @param registryTypes schema id → type full name, for registry-framed records (may be empty)
     * @param keys          true to decode keys (auto tries text before anything else)
     */
    public RecordDecoder(TypeSet types, DecoderChoice choice, Map<Integer, String> registryTypes, boolean keys) {
        this(types, choice, registryTypes, keys, WriterSchemas.NONE);
    }

    /**
     * As {@link #RecordDecoder(TypeSet, DecoderChoice, Map, boolean)}, reading framed records by the registry's
     * schema of their id (an id mapped to a type by hand keeps that type) and Avro by the .avsc types of
     * {@code schemas}; a pinned Avro type that is not among them is an IllegalArgumentException.
     */
    public RecordDecoder(TypeSet types, DecoderChoice choice, Map<Integer, String> registryTypes, boolean keys,
                         WriterSchemas schemas) {
        this.types = types;
        this.schemas = schemas;
        this.byId = new SchemaIdDecoder(schemas, keys, this::protobuf);
        this.pinnedAvro = choice.kind() == DecoderChoice.Kind.AVRO ? schemas.avroType(choice.typeName()) : null;
        if (choice.kind() == DecoderChoice.Kind.AVRO && pinnedAvro == null) {
            throw new IllegalArgumentException("the Avro type " + choice.typeName() + " is not among the loaded "
                    + "types; " + schemas.avroTypesSentence());
        }
        this.choice = choice;
        this.registryTypes = Map.copyOf(registryTypes);
        this.keys = keys;
        this.pinned = choice.kind() == DecoderChoice.Kind.PROTOBUF ? types.shape(choice.typeName()) : null;
        if (choice.kind() == DecoderChoice.Kind.PROTOBUF && pinned == null) {
            throw new IllegalArgumentException("the type " + choice.typeName() + " is not among the loaded types; "
                    + types.suggest(choice.typeName()));
        }
    }

    /** The fields (dotted paths) whose values each decoding should carry, for a filter; slot = index. */
    public void wantFields(List<String> fieldPaths) {
        if (!fieldPaths.equals(paths)) {
            paths = List.copyOf(fieldPaths);
            plans.clear();
        }
    }

    public TypeSet types() {
        return types;
    }

    /** Decodes this decoder's side of {@code r}: its key, or its value read with its content-type header. */
    public Decoding decode(RawRecord r) {
        return keys ? decode(r.topic(), r.key(), null) : decode(r.topic(), r.value(), r.headerBytes("content-type"));
    }

    /** Decodes {@code bytes} (null for a tombstone or a missing key) of a record of {@code topic}. */
    public Decoding decode(String topic, byte[] bytes, byte[] contentType) {
        if (bytes == null) {
            return NULL;
        }
        return switch (choice.kind()) {
            case HEX -> Decoding.ok(Format.HEX, null, 0, -1, null, "hex");
            case TEXT -> text(bytes, true);
            case JSON -> json(bytes, true);
            case AVRO -> SchemaIdDecoder.avro(pinnedAvro, bytes, 0, Format.AVRO, -1, "avro " + pinnedAvro.name(),
                    paths);
            case PROTOBUF -> RegistryFrame.looksFramed(bytes) ? registry(bytes, pinned)
                    : protobuf(bytes, 0, pinned, Format.PROTOBUF, -1, pinned.label());
            case AUTO -> keys ? autoKey(topic, bytes) : auto(topic, bytes, contentType);
        };
    }

    /**
     * A key is read as text, else as whatever structured form fits, else as any UTF-8 text, else as its bytes:
     * a key nothing reads is still a key, shown in hex, and never makes its record undecodable.
     */
    private Decoding autoKey(String topic, byte[] bytes) {
        Decoding t = text(bytes, false);
        if (t != null) {
            return t;
        }
        Decoding d = auto(topic, bytes, null);
        if (!d.failed()) {
            return d;
        }
        t = text(bytes, true);
        return t.failed() ? Decoding.ok(Format.HEX, null, 0, -1, null, "hex: not UTF-8 text") : t;
    }

    private Decoding auto(String topic, byte[] bytes, byte[] contentType) {
        if (bytes.length == 0) {
            return TEXT;
        }
        if (contentType != null) {
            Header h = header(contentType);
            if (h.json()) {
                return json(bytes, true);
            }
            if (h.shape() != null) {
                return remember(topic, protobuf(bytes, 0, h.shape(), Format.PROTOBUF, -1, h.decoder()));
            }
            if (h.named() != null) {
                return Decoding.failed(Format.PROTOBUF, null, -1, "protobuf " + h.named(),
                        "the content-type header names " + h.named() + ", which is not among the loaded types; "
                                + "load its schema (a .proto folder or a descriptor set)");
            }
        }
        if (schemas.hasRegistry() && RegistryFrame.hasSchemaId(bytes)
                && !registryTypes.containsKey(RegistryFrame.schemaId(bytes))) {
            return byId.decode(topic, bytes, paths);
        }
        if (RegistryFrame.looksFramed(bytes)) {
            return registry(bytes, null);
        }
        if (AvroJson.looksLikeContainer(bytes)) {
            return SchemaIdDecoder.container(bytes, paths);
        }
        if (JsonFields.looksLikeJson(bytes)) {
            Decoding j = json(bytes, false);
            if (j != null) {
                return j;
            }
        }
        ProtoShape known = topicTypes.get(topic);
        if (known != null) {
            Decoding d = protobuf(bytes, 0, known, Format.PROTOBUF, -1, known.label());
            if (!d.failed() && scanner.unknown() == 0) {
                return d;
            }
        }
        ProtoShape best = guess(bytes, 0);
        if (best != null) {
            return remember(topic, protobuf(bytes, 0, best, Format.PROTOBUF, -1, best.label()));
        }
        Decoding t = text(bytes, false);
        if (t != null) {
            return t;
        }
        if (known != null) {
            Decoding d = protobuf(bytes, 0, known, Format.PROTOBUF, -1,
                    "protobuf " + known.type().getFullName() + " (this topic's type so far)");
            if (d.failed()) {
                return d;
            }
        }
        return Decoding.failed(Format.HEX, null, -1, "auto",
                "nothing reads these " + bytes.length + " bytes: no content-type header, not a schema-registry frame, "
                        + "not JSON, not UTF-8 text, and none of the " + Math.min(types.size(), MAX_GUESSES)
                        + " loaded Protobuf types fits; pin a decoder or load the schema");
    }

    private Decoding remember(String topic, Decoding d) {
        if (!d.failed() && d.shape() != null) {
            topicTypes.put(topic, d.shape());
        }
        return d;
    }

    /** The loaded type that reads these bytes with no unknown field and the most known ones, or null. */
    private ProtoShape guess(byte[] bytes, int from) {
        ProtoShape best = null;
        int bestKnown = 0;
        int tried = 0;
        for (Descriptor d : types.all()) {
            if (++tried > MAX_GUESSES) {
                break;
            }
            ProtoShape s = types.shape(d);
            String problem = scanner.scan(bytes, from, bytes.length, plan(s), new Object[paths.size()], true);
            if (problem == null && scanner.unknown() == 0 && scanner.known() > bestKnown) {
                best = s;
                bestKnown = scanner.known();
            }
        }
        return best;
    }

    private Decoding registry(byte[] bytes, ProtoShape pinnedType) {
        RegistryFrame frame;
        try {
            frame = RegistryFrame.parse(bytes);
        } catch (IllegalArgumentException e) {
            return Decoding.failed(Format.REGISTRY_PROTOBUF, null, -1, "schema-registry framing", e.getMessage());
        }
        ProtoShape shape = pinnedType;
        if (shape == null) {
            String name = registryTypes.get(frame.schemaId());
            if (name == null) {
                return Decoding.failed(Format.REGISTRY_PROTOBUF, null, frame.schemaId(), "schema-registry framing",
                        "schema id " + frame.schemaId() + " is unknown here: map it to a type (schema id → type) "
                                + "or pin the value's type");
            }
            shape = types.shape(name);
            if (shape == null) {
                return Decoding.failed(Format.REGISTRY_PROTOBUF, null, frame.schemaId(), "schema-registry framing",
                        "schema id " + frame.schemaId() + " maps to " + name + ", which is not among the loaded types");
            }
        }
        return protobuf(bytes, frame.payloadOffset(), shape, Format.REGISTRY_PROTOBUF, frame.schemaId(),
                "registry-protobuf " + shape.type().getFullName() + " (schema id " + frame.schemaId() + ")");
    }

    private Decoding protobuf(byte[] bytes, int from, ProtoShape shape, Format format, int schemaId, String decoder) {
        Object[] out = paths.isEmpty() ? NO_FIELDS : new Object[paths.size()];
        String problem = scanner.scan(bytes, from, bytes.length, plan(shape), out, false);
        if (problem == null && scanner.known() == 0 && bytes.length > from) {
            problem = "none of its " + scanner.unknown() + " fields belong to " + shape.type().getFullName();
        }
        if (problem != null) {
            return Decoding.failed(format, shape, schemaId, decoder, problem);
        }
        if (out != NO_FIELDS) {
            return Decoding.ok(format, shape, from, schemaId, out, decoder);
        }
        // without fields to carry, every record of a type decodes to the same value: one object, not one a record
        Decoding last = lastOk;
        if (last == null || last.shape() != shape || last.format() != format || last.payloadOffset() != from
                || last.schemaId() != schemaId || !last.decoder().equals(decoder)) {
            last = Decoding.ok(format, shape, from, schemaId, out, decoder);
            lastOk = last;
        }
        return last;
    }

    private Decoding json(byte[] bytes, boolean required) {
        try {
            var root = JsonFields.parse(bytes, 0);
            if (!required && !(root.isJsonObject() || root.isJsonArray())) {
                return null;
            }
            return Decoding.ok(Format.JSON, null, 0, -1, paths.isEmpty() ? null : JsonFields.pick(root, paths),
                    "json");
        } catch (IllegalArgumentException e) {
            return required ? Decoding.failed(Format.JSON, null, -1, "json", e.getMessage()) : null;
        }
    }

    /** UTF-8 text; when not required, only text a person would write (no control characters) counts. */
    private Decoding text(byte[] bytes, boolean required) {
        if (!JsonBytes.validUtf8(bytes, 0, bytes.length)) {
            return required ? Decoding.failed(Format.TEXT, null, -1, "text", "not valid UTF-8 text") : null;
        }
        if (!required) {
            for (byte c : bytes) {
                if (c >= 0 && c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                    return null;
                }
            }
        }
        return TEXT;
    }

    private FieldPlan plan(ProtoShape shape) {
        FieldPlan p = plans.get(shape);
        if (p == null) {
            p = FieldPlan.of(shape, paths);
            plans.put(shape, p);
        }
        return p;
    }

    /** Reads a content-type header: JSON, or Protobuf with a messageType; the last one read is remembered. */
    private Header header(byte[] contentType) {
        if (lastHeader != null && Arrays.equals(contentType, lastContentType)) {
            return lastHeader;
        }
        String ct = new String(contentType, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
        Header h;
        if (ct.contains("json")) {
            h = new Header(true, null, null, null);
        } else {
            String named = null;
            String original = new String(contentType, StandardCharsets.UTF_8);
            int at = ct.indexOf("messagetype=");
            if (at < 0) {
                at = ct.indexOf("proto=");
            }
            if (at >= 0 && ct.contains("proto")) {
                named = original.substring(original.indexOf('=', at) + 1).split("[;,\\s]")[0].replace("\"", "");
            }
            ProtoShape shape = named == null ? null : types.shape(named);
            h = new Header(false, shape, named,
                    shape == null ? null : shape.label() + " (from the content-type header)");
        }
        lastContentType = contentType.clone();
        lastHeader = h;
        return h;
    }
}
