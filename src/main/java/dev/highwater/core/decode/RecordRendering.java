package dev.highwater.core.decode;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.highwater.core.text.JsonWriter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

    public RecordRendering(TypeSet types) {
        this.types = types;
        this.compact = JsonFormat.printer().usingTypeRegistry(types.jsonRegistry()).omittingInsignificantWhitespace();
        this.pretty = JsonFormat.printer().usingTypeRegistry(types.jsonRegistry());
    }

    /** The value as one JSON value (an object for Protobuf and JSON, a string for text and hex), or null. */
    public String valueJson(DecodedRecord r, boolean indented) {
        return json(r.value(), r.raw().value(), indented);
    }

    public String keyJson(DecodedRecord r) {
        return json(r.key(), r.raw().key(), false);
    }

    private String json(Decoding d, byte[] bytes, boolean indented) {
        if (bytes == null || d.failed()) {
            return null;
        }
        return switch (d.format()) {
            case PROTOBUF, REGISTRY_PROTOBUF -> {
                try {
                    DynamicMessage m = parse(d, bytes);
                    yield (indented ? pretty : compact).print(m);
                } catch (InvalidProtocolBufferException e) {
                    yield quote("(" + e.getMessage() + ")");
                }
            }
            case JSON -> indented
                    ? new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)))
                    : JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).toString();
            case TEXT -> quote(new String(bytes, StandardCharsets.UTF_8));
            case HEX -> quote(HexDump.hex(bytes, HEX_LIMIT));
            case NULL -> null;
        };
    }

    /** The full message of a Protobuf value (for a tree view). */
    public DynamicMessage message(DecodedRecord r) throws InvalidProtocolBufferException {
        return parse(r.value(), r.raw().value());
    }

    /**
     * The record as one line of the CLI's and the export's JSON:
     * {@code {"topic","partition","offset","timestamp","key","format","type","value"}}, or with {@code "error"} and
     * {@code "hex"} in place of {@code "value"} for a poison pill.
     */
    public String jsonLine(DecodedRecord r) {
        RawRecord raw = r.raw();
        JsonWriter w = new JsonWriter().beginObject()
                .name("topic").value(raw.topic())
                .name("partition").value(raw.partition())
                .name("offset").value(raw.offset())
                .name("timestamp").value(Instant.ofEpochMilli(raw.timestamp()).toString());
        w.name("key");
        String key = r.key().failed() ? null : keyJson(r);
        if (key == null) {
            w.raw(raw.key() == null || !r.key().failed() ? "null" : quote(HexDump.hex(raw.key(), HEX_LIMIT)));
        } else {
            w.raw(key);
        }
        w.name("format").value(r.value().format().label());
        w.name("type");
        w.raw(r.value().typeName() == null ? "null" : quote(r.value().typeName()));
        if (r.value().schemaId() >= 0) {
            w.name("schemaId").value(r.value().schemaId());
        }
        if (r.poison()) {
            w.name("error").value(r.problem());
            w.name("hex").value(HexDump.hex(raw.value(), HEX_LIMIT));
        } else {
            String v = valueJson(r, false);
            w.name("value").raw(v == null ? "null" : v);
        }
        return w.endObject().toString();
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
