package dev.highwater.core.evolution;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.Type;

/**
 * Whether a field's bytes written as one Protobuf type still read, value for value, as another. Protobuf calls
 * more pairs compatible than this accepts: it lets int32, uint32, int64, uint64 and bool (all varints) and
 * fixed32/sfixed32 read each other, but a value can then come out as another number (a negative int32 read as
 * uint64, a large int64 read as int32). Accepted here: a varint type read as one that holds all its values
 * (int32 as int64, uint32 as uint64 or int64, bool as any of them, an enum as int32 or int64 and int32 as an open
 * enum), sint32 as sint64, string as bytes, a message as bytes. Everything else is a break: a different wire type
 * (protobuf-java then keeps the value as an unknown field, which is data loss), a zigzag/plain varint swap, a
 * sign or width change on fixed-size types, bytes read as string (not all bytes are UTF-8) or as a message.
 */
final class ProtoTypeChange {

    /** The Protobuf wire types. */
    enum Wire { VARINT, I64, LEN, SGROUP, EGROUP, I32 }

    private ProtoTypeChange() {
    }

    static Wire wire(Type t) {
        return switch (t) {
            case INT32, INT64, UINT32, UINT64, SINT32, SINT64, BOOL, ENUM -> Wire.VARINT;
            case FIXED64, SFIXED64, DOUBLE -> Wire.I64;
            case FIXED32, SFIXED32, FLOAT -> Wire.I32;
            case STRING, BYTES, MESSAGE -> Wire.LEN;
            case GROUP -> Wire.SGROUP;
        };
    }

    static String name(FieldDescriptor f) {
        return switch (f.getType()) {
            case MESSAGE -> f.isMapField() ? "map" : f.getMessageType().getFullName();
            case ENUM -> "enum " + f.getEnumType().getFullName();
            case GROUP -> "group " + f.getMessageType().getFullName();
            default -> f.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * Why values written as {@code writer} do not read as {@code reader}, or null when every value reads (the
     * same type, or a pair accepted above).
     */
    static String whyNot(Type writer, Type reader) {
        if (writer == reader) {
            return null;
        }
        if (wire(writer) != wire(reader)) {
            return "its wire type changes from " + wire(writer) + " to " + wire(reader)
                    + ", so protobuf-java keeps such values as unknown fields and the field reads as unset";
        }
        return switch (wire(writer)) {
            case VARINT -> varint(writer, reader);
            case LEN -> writer == Type.STRING && reader == Type.BYTES || writer == Type.MESSAGE && reader == Type.BYTES
                    ? null
                    : reader == Type.STRING ? "bytes that are not UTF-8 fail to read as a string"
                    : "the bytes are not necessarily an encoded message";
            default -> "the same " + wire(writer) + " bits mean another number as " + lower(reader);
        };
    }

    private static String varint(Type writer, Type reader) {
        boolean zigWriter = writer == Type.SINT32 || writer == Type.SINT64;
        boolean zigReader = reader == Type.SINT32 || reader == Type.SINT64;
        if (zigWriter != zigReader) {
            return "sint types are zigzag-encoded, so the same varint means another number";
        }
        if (zigWriter) {
            return writer == Type.SINT32 ? null : "sint64 values beyond 32 bits are cut short as sint32";
        }
        long[] w = range(writer);
        long[] r = range(reader);
        boolean fits = r[0] <= w[0] && (w[1] <= r[1] || r[1] == -1) && !(w[1] == -1 && r[1] != -1);
        return fits ? null : lower(writer) + " values do not all fit " + lower(reader)
                + " (a negative number turns into a large one, or a large one is cut short)";
    }

    /** The range of values as {min, max}; max -1 stands for 2^64-1 (uint64). */
    private static long[] range(Type t) {
        return switch (t) {
            case BOOL -> new long[] {0, 1};
            case INT32, ENUM -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            case UINT32 -> new long[] {0, 0xffff_ffffL};
            case INT64 -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
            case UINT64 -> new long[] {0, -1};
            default -> throw new IllegalArgumentException(t.name());
        };
    }

    private static String lower(Type t) {
        return t.name().toLowerCase(java.util.Locale.ROOT);
    }
}
