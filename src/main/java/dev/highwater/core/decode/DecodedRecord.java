package dev.highwater.core.decode;

import java.nio.charset.StandardCharsets;

/**
 * A record with how its key and value were read. The one-line summary is made on first request from the bytes,
 * so records that are never shown never pay for it; the full JSON tree is made only for the record a user
 * selects ({@link RecordRendering}).
 */
public final class DecodedRecord {

    /** The longest summary a table cell gets; the detail pane has the rest. */
    public static final int SUMMARY_LIMIT = 200;
    /** What precedes a key shown in hex, in the table, the detail and the command line's text lines. */
    public static final String HEX_MARK = "[hex] ";
    private static final int SUMMARY_FIELDS = 6;

    private final RawRecord raw;
    private final Decoding key;
    private final Decoding value;
    private volatile String summary;
    private volatile String headline;

    public DecodedRecord(RawRecord raw, Decoding key, Decoding value) {
        this.raw = raw;
        this.key = key;
        this.value = value;
    }

    public RawRecord raw() {
        return raw;
    }

    public Decoding key() {
        return key;
    }

    public Decoding value() {
        return value;
    }

    /**
     * True when the value could not be decoded: a poison pill, shown as a row of its own. The key is read on its
     * own: a key that is not text is shown in hex and leaves a valid value decoded.
     */
    public boolean poison() {
        return value.failed();
    }

    /** The value's decoder that failed and why, or null. */
    public String problem() {
        return value.failed() ? value.decoder() + ": " + value.error() : null;
    }

    /** The key's decoder that failed and why (a pinned key decoder the key does not fit), or null. */
    public String keyProblem() {
        return key.failed() ? "key " + key.decoder() + ": " + key.error() : null;
    }

    /** What the value is: a Protobuf type's name, or the format. */
    public String typeLabel() {
        if (value.failed()) {
            return "undecodable";
        }
        String t = value.typeName();
        return t != null ? t : value.format().label();
    }

    /**
     * The registry schema the value was read with, as "subject v3 (id 7)" (or "id 7" when the registry did not
     * say where it is registered), or null for a value read without a registry.
     */
    public String schemaLabel() {
        var used = value.schema();
        if (used == null) {
            return null;
        }
        return used.subject() == null ? "id " + used.id() : used.toString();
    }

    /** True when the key is shown as its bytes in hex: it is not text, or nothing else reads it. */
    public boolean keyInHex() {
        return raw.key() != null && (key.failed() || key.format() == Format.HEX);
    }

    /** The key as one line: text, a decoded key's fields, or hex for bytes (see {@link #keyInHex()}). */
    public String keyText() {
        byte[] k = raw.key();
        if (k == null) {
            return "";
        }
        if (keyInHex()) {
            return HexDump.hex(k, 32);
        }
        if (key.format() == Format.TEXT || key.format() == Format.JSON) {
            return clip(new String(k, StandardCharsets.UTF_8));
        }
        if (key.shape() != null) {
            return clip(summarise(key, k));
        }
        return HexDump.hex(k, 32);
    }

    /** The key as a person reads it: {@link #keyText()}, marked when it is hex so it never passes for text. */
    public String keyLabel() {
        return keyInHex() ? HEX_MARK + keyText() : keyText();
    }

    /** A one-line summary of the value (the first few fields), or for a poison pill the reason. */
    public String summary() {
        String s = summary;
        if (s == null) {
            s = poison() ? problem() : clip(summarise(value, raw.value()));
            summary = s;
        }
        return s;
    }

    /** The screen's summary, what identifies the record first ({@link RecordHeadline}); made on first request. */
    public String headline() {
        String h = headline;
        if (h == null) {
            h = RecordHeadline.of(this);
            headline = h;
        }
        return h;
    }

    private static String summarise(Decoding d, byte[] bytes) {
        if (bytes == null) {
            return "(null: a tombstone)";
        }
        return switch (d.format()) {
            case PROTOBUF, REGISTRY_PROTOBUF -> protobufSummary(d, bytes);
            case JSON, TEXT, REGISTRY_JSON -> new String(bytes, d.payloadOffset(), bytes.length - d.payloadOffset(),
                    StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
            case AVRO, REGISTRY_AVRO -> avroSummary(d, bytes);
            case REGISTRY -> HexDump.hex(bytes, 48);
            case HEX -> HexDump.hex(bytes, 48);
            case NULL -> "(null: a tombstone)";
        };
    }

    private static final ThreadLocal<ProtoScanner> SCANNERS = ThreadLocal.withInitial(ProtoScanner::new);

    private static String protobufSummary(Decoding d, byte[] bytes) {
        FieldPlan plan = d.shape().summaryPlan(SUMMARY_FIELDS);
        Object[] values = new Object[plan.paths().size()];
        SCANNERS.get().scan(bytes, d.payloadOffset(), bytes.length, plan, values, false);
        StringBuilder sb = new StringBuilder();
        if (d.schemaId() >= 0) {
            sb.append("[schema ").append(d.schemaId()).append("] ");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                sb.append(plan.paths().get(i)).append('=').append(values[i]).append("  ");
            }
        }
        return sb.isEmpty() ? "(all fields default)" : sb.toString().strip();
    }

    private static String avroSummary(Decoding d, byte[] bytes) {
        try {
            return d.avro() == null ? AvroJson.container(bytes) : d.avro().json(bytes, d.payloadOffset());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String clip(String s) {
        return s.length() <= SUMMARY_LIMIT ? s : s.substring(0, SUMMARY_LIMIT) + "…";
    }
}
