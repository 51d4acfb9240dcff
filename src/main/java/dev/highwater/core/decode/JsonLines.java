package dev.highwater.core.decode;

import dev.highwater.core.registry.SubjectVersion;
import dev.highwater.core.text.JsonBytes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes records as the command line's and the export's JSON lines ({@link RecordRendering#jsonLine}) in UTF-8
 * bytes: {@code {"topic","partition","offset","timestamp","key","format","type","value"}}, with {@code "error"}
 * and {@code "hex"} in place of {@code "value"} for a value that cannot be decoded, a key that is not text in hex
 * followed by {@code "keyEncoding":"hex"} (and {@code "keyError"}), and {@code "schemaId"} and
 * {@code "schema":{"id","subject","version"}} for a value read by a registry's schema.
 * <p>
 * Protobuf values are written straight from their wire format ({@link ProtoJson}), JSON values ({@link JsonCompact})
 * and text keys and values straight from their bytes; the rest (Avro, Protobuf keys, what those decline) through
 * {@link RecordRendering}'s general rendering, to the same bytes. Not thread-safe: one per writing thread.
 */
public final class JsonLines {

    private static final byte[] TOPIC = ascii("{\"topic\":");
    private static final byte[] PARTITION = ascii(",\"partition\":");
    private static final byte[] OFFSET = ascii(",\"offset\":");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":\"");
    private static final byte[] KEY = ascii("\",\"key\":");
    private static final byte[] KEY_HEX = ascii(",\"keyEncoding\":\"hex\"");
    private static final byte[] KEY_ERROR = ascii(",\"keyError\":");
    private static final byte[] FORMAT = ascii(",\"format\":");
    private static final byte[] TYPE = ascii(",\"type\":");
    private static final byte[] SCHEMA_ID = ascii(",\"schemaId\":");
    private static final byte[] SCHEMA = ascii(",\"schema\":{\"id\":");
    private static final byte[] SUBJECT = ascii(",\"subject\":");
    private static final byte[] VERSION = ascii(",\"version\":");
    private static final byte[] VALUE = ascii(",\"value\":");
    private static final byte[] ERROR = ascii(",\"error\":");
    private static final byte[] HEX = ascii(",\"hex\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] ENTRY_KEY = ascii("{\"key\":");
    private static final byte[] ENTRY_PARTITION = ascii("{\"partition\":");

    private final RecordRendering rendering;
    private final ProtoJson proto = new ProtoJson();
    private final Map<ProtoShape, byte[]> typeNames = new IdentityHashMap<>();
    private final byte[][] formats = new byte[Format.values().length][];
    private ProtoShape lastShape;
    private byte[] lastShapeJson;
    private String topic;
    private byte[] topicJson;
    private long second = Long.MIN_VALUE;
    private byte[] secondText;

    public JsonLines(RecordRendering rendering) {
        this.rendering = rendering;
    }

    /** Appends the record's JSON line to {@code out}, without the line break. */
    public void append(DecodedRecord r, JsonBytes out) {
        RawRecord raw = r.raw();
        out.raw(TOPIC).raw(topicJson(raw.topic()));
        out.raw(PARTITION).number(raw.partition());
        out.raw(OFFSET).number(raw.offset());
        out.raw(TIMESTAMP);
        timestamp(raw.timestamp(), out);
        out.raw(KEY);
        key(r, out);
        Decoding v = r.value();
        out.raw(FORMAT).raw(formatJson(v.format()));
        out.raw(TYPE).raw(typeJson(v));
        if (v.schemaId() >= 0) {
            out.raw(SCHEMA_ID).number(v.schemaId());
        }
        SubjectVersion used = v.schema();
        if (used != null) {
            out.raw(SCHEMA).number(used.id());
            if (used.subject() != null) {
                out.raw(SUBJECT).string(used.subject());
                out.raw(VERSION).number(used.version());
            }
            out.raw((byte) '}');
        }
        value(r, out);
        out.raw((byte) '}');
    }

    /**
     * Appends the record as an entry of a topic's state ({@code table --format json}):
     * {@code {"key","partition","offset","timestamp","value"}} (without {@code "key"} when not {@code withKey}),
     * the key and the value written as a line writes them, {@code "error"} and {@code "hex"} included.
     */
    public void appendEntry(DecodedRecord r, boolean withKey, JsonBytes out) {
        RawRecord raw = r.raw();
        if (withKey) {
            out.raw(ENTRY_KEY);
            key(r, out);
            out.raw(PARTITION);
        } else {
            out.raw(ENTRY_PARTITION);
        }
        out.number(raw.partition());
        out.raw(OFFSET).number(raw.offset());
        out.raw(TIMESTAMP);
        timestamp(raw.timestamp(), out);
        out.raw((byte) '"');
        value(r, out);
        out.raw((byte) '}');
    }

    /** Appends the record's key as a line writes it (followed by {@code "keyEncoding"} when in hex). */
    public void appendKey(DecodedRecord r, JsonBytes out) {
        key(r, out);
    }

    private void key(DecodedRecord r, JsonBytes out) {
        byte[] k = r.raw().key();
        if (k == null) {
            out.raw(NULL);
            return;
        }
        if (!r.keyInHex() && r.key().format() == Format.TEXT && out.string(k, 0, k.length, false)) {
            return;
        }
        String json = rendering.keyJson(r);
        if (json != null) {
            out.utf8(json);
            return;
        }
        out.string(HexDump.hex(k, RecordRendering.HEX_LIMIT)).raw(KEY_HEX);
        if (r.keyProblem() != null) {
            out.raw(KEY_ERROR).string(r.keyProblem());
        }
    }

    private void value(DecodedRecord r, JsonBytes out) {
        byte[] bytes = r.raw().value();
        Decoding d = r.value();
        if (bytes != null && !d.failed()) {
            int mark = out.length();
            out.raw(VALUE);
            boolean written = switch (d.format()) {
                case PROTOBUF, REGISTRY_PROTOBUF ->
                        proto.write(d.shape().type(), bytes, d.payloadOffset(), bytes.length, out);
                case JSON, REGISTRY_JSON -> JsonCompact.write(bytes, d.payloadOffset(), bytes.length, out);
                case TEXT -> out.string(bytes, 0, bytes.length, false);
                default -> false;
            };
            if (written) {
                return;
            }
            out.truncate(mark);
        }
        RecordRendering.ValueJson json = rendering.value(r, false);
        if (json.error() != null) {
            out.raw(ERROR).string(json.error());
            out.raw(HEX).string(HexDump.hex(bytes, RecordRendering.HEX_LIMIT));
        } else {
            out.raw(VALUE);
            if (json.json() == null) {
                out.raw(NULL);
            } else {
                out.utf8(json.json());
            }
        }
    }

    private byte[] topicJson(String t) {
        if (!t.equals(topic)) {
            topic = t;
            topicJson = new JsonBytes(t.length() + 8).string(t).toByteArray();
        }
        return topicJson;
    }

    private byte[] formatJson(Format f) {
        byte[] j = formats[f.ordinal()];
        if (j == null) {
            j = new JsonBytes(16).string(f.label()).toByteArray();
            formats[f.ordinal()] = j;
        }
        return j;
    }

    private byte[] typeJson(Decoding v) {
        ProtoShape shape = v.shape();
        if (shape != null) {
            if (shape != lastShape) {
                lastShapeJson = typeNames.get(shape);
                if (lastShapeJson == null) {
                    lastShapeJson = new JsonBytes(64).string(shape.type().getFullName()).toByteArray();
                    typeNames.put(shape, lastShapeJson);
                }
                lastShape = shape;
            }
            return lastShapeJson;
        }
        String name = v.typeName();
        return name == null ? NULL : new JsonBytes(name.length() + 8).string(name).toByteArray();
    }

    /** As {@code Instant.ofEpochMilli(millis).toString()}, the date and time of each second made once. */
    private void timestamp(long millis, JsonBytes out) {
        long s = Math.floorDiv(millis, 1000);
        int ms = (int) Math.floorMod(millis, 1000);
        if (s != second) {
            String whole = Instant.ofEpochSecond(s).toString();
            secondText = whole.substring(0, whole.length() - 1).getBytes(StandardCharsets.US_ASCII); // less the Z
            second = s;
        }
        out.raw(secondText);
        if (ms != 0) {
            out.raw((byte) '.').raw((byte) ('0' + ms / 100)).raw((byte) ('0' + ms / 10 % 10))
                    .raw((byte) ('0' + ms % 10));
        }
        out.raw((byte) 'Z');
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
