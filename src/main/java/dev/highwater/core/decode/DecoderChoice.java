package dev.highwater.core.decode;

import java.util.Locale;

/**
 * What decodes a record's key or value: detected per record ({@link Kind#AUTO}), or pinned by the user to a
 * Protobuf type, an Avro record type (from .avsc files; the bytes are plain Avro binary), JSON, UTF-8 text or hex.
 *
 * @param kind     the decoder
 * @param typeName the Protobuf type's full name, for {@link Kind#PROTOBUF}, or the Avro type's, for
 *                 {@link Kind#AVRO}; null otherwise
 */
public record DecoderChoice(Kind kind, String typeName) {

    public enum Kind { AUTO, PROTOBUF, JSON, TEXT, HEX, AVRO }

    /** What names an Avro type in {@link #parse}: {@code avro:com.acme.Payment}. */
    public static final String AVRO_PREFIX = "avro:";

    public static final DecoderChoice AUTO = new DecoderChoice(Kind.AUTO, null);
    public static final DecoderChoice JSON = new DecoderChoice(Kind.JSON, null);
    public static final DecoderChoice TEXT = new DecoderChoice(Kind.TEXT, null);
    public static final DecoderChoice HEX = new DecoderChoice(Kind.HEX, null);

    public DecoderChoice {
        if (kind == Kind.PROTOBUF && (typeName == null || typeName.isBlank())) {
            throw new IllegalArgumentException("a Protobuf decoder needs a type name");
        }
        if (kind == Kind.AVRO && (typeName == null || typeName.isBlank())) {
            throw new IllegalArgumentException("an Avro decoder needs a type name, as in avro:com.acme.Payment");
        }
    }

    public static DecoderChoice protobuf(String typeName) {
        return new DecoderChoice(Kind.PROTOBUF, typeName.strip());
    }

    public static DecoderChoice avro(String typeName) {
        return new DecoderChoice(Kind.AVRO, typeName.strip());
    }

    /** auto, json, text, hex, avro:FULL.NAME (an Avro type), or a Protobuf type's full name. */
    public static DecoderChoice parse(String text) {
        if (text.strip().toLowerCase(Locale.ROOT).startsWith(AVRO_PREFIX)) {
            return avro(text.strip().substring(AVRO_PREFIX.length()));
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "auto", "" -> AUTO;
            case "json" -> JSON;
            case "text", "utf-8", "utf8", "string" -> TEXT;
            case "hex", "bytes" -> HEX;
            default -> protobuf(text);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PROTOBUF -> typeName;
            case AVRO -> AVRO_PREFIX + typeName;
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }
}
