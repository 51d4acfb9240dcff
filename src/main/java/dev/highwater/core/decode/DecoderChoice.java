package dev.highwater.core.decode;

import java.util.Locale;

/**
 * What decodes a record's key or value: detected per record ({@link Kind#AUTO}), or pinned by the user to a
 * Protobuf type, JSON, UTF-8 text or hex.
 *
 * @param kind     the decoder
 * @param typeName the Protobuf type's full name, for {@link Kind#PROTOBUF} only
 */
public record DecoderChoice(Kind kind, String typeName) {

    public enum Kind { AUTO, PROTOBUF, JSON, TEXT, HEX }

    public static final DecoderChoice AUTO = new DecoderChoice(Kind.AUTO, null);
    public static final DecoderChoice JSON = new DecoderChoice(Kind.JSON, null);
    public static final DecoderChoice TEXT = new DecoderChoice(Kind.TEXT, null);
    public static final DecoderChoice HEX = new DecoderChoice(Kind.HEX, null);

    public DecoderChoice {
        if (kind == Kind.PROTOBUF && (typeName == null || typeName.isBlank())) {
            throw new IllegalArgumentException("a Protobuf decoder needs a type name");
        }
    }

    public static DecoderChoice protobuf(String typeName) {
        return new DecoderChoice(Kind.PROTOBUF, typeName.strip());
    }

    /** auto, json, text, hex, or a Protobuf type's full name. */
    public static DecoderChoice parse(String text) {
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
        return kind == Kind.PROTOBUF ? typeName : kind.name().toLowerCase(Locale.ROOT);
    }
}
