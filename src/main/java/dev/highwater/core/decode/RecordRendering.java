package dev.highwater.core.decode;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.highwater.core.text.JsonBytes;
import dev.highwater.core.text.JsonWriter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A decoded record in full: its value as JSON (Protobuf through protobuf-java-util's printer), the CLI's and the
 * export's JSON line, and the size of the value as Protobuf and as JSON. Made on demand, for the records a user
 * selects or exports, never for every record read.
 */
public final class RecordRendering {

    /** How many bytes of an undecodable record the JSON line carries as hex. */
    public static final int HEX_LIMIT = 64 * 1024;

    private final TypeSet types;
    private final JsonFormat.Printer compact;
    private final JsonFormat.Printer pretty;
    private final JsonLines lines = new JsonLines(this);

    public RecordRendering(TypeSet types) {
        this.types = types;
        this.compact = JsonFormat.printer().usingTypeRegistry(types.jsonRegistry()).omittingInsignificantWhitespace();
        this.pretty = JsonFormat.printer().usingTypeRegistry(types.jsonRegistry());
    }

    /**
     * A value as one JSON value, or why it has none: its decoder's failure, or protobuf-java refusing bytes the
     * scanner let through. Exactly one of the two is set, except for a tombstone (both null).
     */
    public record ValueJson(String json, String error) {
    }

    /** The value as JSON (an object for Protobuf and JSON, a string for text and hex), or why it cannot be. */
    public ValueJson value(DecodedRecord r, boolean indented) {
        if (r.poison()) {
            return new ValueJson(null, r.problem());
        }
        try {
            return new ValueJson(json(r.value(), r.raw().value(), indented), null);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return new ValueJson(null, r.value().decoder() + ": " + e.getMessage());
        }
    }

    /** The value as one JSON value, or null for a tombstone or a value that cannot be read. */
    public String valueJson(DecodedRecord r, boolean indented) {
        return value(r, indented).json();
    }

    /** The key as one JSON value, or null for no key and for a key shown in hex. */
    String keyJson(DecodedRecord r) {
        if (r.keyInHex()) {
            return null;
        }
        try {
            return json(r.key(), r.raw().key(), false);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return null;
        }
    }

    private String json(Decoding d, byte[] bytes, boolean indented) throws InvalidProtocolBufferException {
        if (bytes == null || d.failed()) {
            return null;
        }
        return switch (d.format()) {
            case PROTOBUF, REGISTRY_PROTOBUF -> (indented ? pretty : compact).print(parse(d, bytes));
            case JSON, REGISTRY_JSON -> jsonText(new String(bytes, d.payloadOffset(),
                    bytes.length - d.payloadOffset(), StandardCharsets.UTF_8), indented);
            case AVRO, REGISTRY_AVRO -> {
                String json = d.avro() == null ? AvroJson.container(bytes) : d.avro().json(bytes, d.payloadOffset());
                yield indented ? jsonText(json, true) : json;
            }
            case TEXT -> quote(new String(bytes, StandardCharsets.UTF_8));
            case HEX -> quote(HexDump.hex(bytes, HEX_LIMIT));
            case NULL, REGISTRY -> null;
        };
    }

    private static String jsonText(String json, boolean indented) {
        return indented ? new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(JsonParser.parseString(json)) : JsonParser.parseString(json).toString();
    }

    /**
     * The value as the detail pane's tree, values as people read them ({@link ReadableTree}); {@code json} is
     * {@link #valueJson} of the record, for a value that is not Protobuf.
     */
    public JsonTree tree(DecodedRecord r, String json) throws InvalidProtocolBufferException {
        return switch (r.value().format()) {
            case PROTOBUF, REGISTRY_PROTOBUF -> ReadableTree.of(r.typeLabel(), message(r), compact);
            default -> ReadableTree.json(r.typeLabel(), json);
        };
    }

    /** The full message of a Protobuf value (for a tree view). */
    public DynamicMessage message(DecodedRecord r) throws InvalidProtocolBufferException {
        return parse(r.value(), r.raw().value());
    }

    /**
     * The record as one line of the CLI's and the export's JSON:
     * {@code {"topic","partition","offset","timestamp","key","format","type","value"}}, or with {@code "error"} and
     * {@code "hex"} in place of {@code "value"} for a value that cannot be decoded. A key that is not text is its
     * bytes in hex followed by {@code "keyEncoding":"hex"} (and {@code "keyError"} when a pinned key decoder
     * failed), so it never passes for a text key. A value read by a schema registry's schema adds
     * {@code "schema":{"id","subject","version"}}: the schema it was read with.
     */
    public String jsonLine(DecodedRecord r) {
        synchronized (lines) {
            JsonBytes out = new JsonBytes(512);
            lines.append(r, out);
            return out.toString();
        }
    }

    /**
     * The value's size as Protobuf and as compact JSON in bytes; -1 where that form cannot be made.
     *
     * @param jsonType for a JSON value, the Protobuf type to measure it in (such as the type of the topic's other
     *                 records), or null
     */
    public long[] sizes(DecodedRecord r, ProtoShape jsonType) {
        byte[] v = r.raw().value();
        if (v == null || r.value().failed()) {
            return new long[] {-1, -1};
        }
        Decoding d = r.value();
        try {
            return switch (d.format()) {
                case PROTOBUF, REGISTRY_PROTOBUF -> new long[] {v.length - d.payloadOffset(),
                        compact.print(parse(d, v)).getBytes(StandardCharsets.UTF_8).length};
                case JSON -> new long[] {protobufSizeOfJson(v, jsonType), JsonParser.parseString(
                        new String(v, StandardCharsets.UTF_8)).toString().getBytes(StandardCharsets.UTF_8).length};
                default -> new long[] {-1, -1};
            };
        } catch (InvalidProtocolBufferException e) {
            return new long[] {-1, -1};
        }
    }

    /** A JSON value whose topic has a Protobuf type (as the ledger's mixed topic has): its size in that type. */
    private long protobufSizeOfJson(byte[] json, ProtoShape type) {
        if (type == null) {
            return -1;
        }
        try {
            DynamicMessage.Builder b = DynamicMessage.newBuilder(type.type());
            JsonFormat.parser().usingTypeRegistry(types.jsonRegistry()).ignoringUnknownFields()
                    .merge(new String(json, StandardCharsets.UTF_8), b);
            return b.build().getSerializedSize();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return -1;
        }
    }

    private static DynamicMessage parse(Decoding d, byte[] bytes) throws InvalidProtocolBufferException {
        byte[] payload = d.payloadOffset() == 0 ? bytes : Arrays.copyOfRange(bytes, d.payloadOffset(), bytes.length);
        return DynamicMessage.parseFrom(d.shape().type(), payload);
    }

    private static String quote(String s) {
        return new JsonWriter().value(s).toString();
    }

    public TypeSet types() {
        return types;
    }
}
