package dev.highwater.core.decode;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

import dev.highwater.core.text.JsonBytes;

import java.nio.charset.StandardCharsets;

/**
 * Reads a Protobuf message's wire format against its type without building it: checks that every field is well
 * formed (lengths, wire types, nested messages), counts the fields the type knows and those it does not, and
 * picks the values a {@link FieldPlan} asks for. One instance per thread, reused from record to record.
 */
public final class ProtoScanner {

    private static final int MAX_DEPTH = 64;
    private static final int BYTES_SHOWN = 16;

    private byte[] b;
    private int pos;
    private int known;
    private int unknown;
    private boolean checkStrings;

    /** Known fields met at the top level in the last scan. */
    public int known() {
        return known;
    }

    /** Fields the type does not know (or in another wire type) at the top level in the last scan. */
    public int unknown() {
        return unknown;
    }

    /**
     * Scans {@code bytes[from, to)} as a message of the plan's type, filling {@code out} at the plan's slots.
     *
     * @param checkStrings check that every string field is valid UTF-8 (when guessing a type); otherwise only
     *                     those protobuf-java checks are
     * @return null when the bytes are a well-formed message, or the reason they are not
     */
    public String scan(byte[] bytes, int from, int to, FieldPlan plan, Object[] out, boolean checkStrings) {
        this.b = bytes;
        this.pos = from;
        this.checkStrings = checkStrings;
        this.known = 0;
        this.unknown = 0;
        try {
            message(to, plan.shape, plan, out, 0, -1, true);
            return null;
        } catch (Malformed e) {
            return e.getMessage();
        } finally {
            this.b = null;
        }
    }

    private void message(int end, ProtoShape shape, FieldPlan plan, Object[] out, int depth, int group,
                         boolean top) {
        if (depth > MAX_DEPTH) {
            throw new Malformed("messages nested more than " + MAX_DEPTH + " deep");
        }
        while (pos < end) {
            int at = pos;
            long tag = varint(end);
            int number = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (number <= 0 || tag >>> 3 > 536_870_911L) {
                throw new Malformed("field number " + (tag >>> 3) + " at byte " + at + " does not exist");
            }
            if (wire == ProtoShape.END_GROUP) {
                if (number != group) {
                    throw new Malformed("an end-group marker at byte " + at + " that closes no group");
                }
                return;
            }
            FieldDescriptor f = shape == null ? null : shape.field(number);
            if (f == null || !ProtoShape.accepts(f, wire)) {
                if (top) {
                    unknown++;
                }
                skip(wire, number, end, depth, at);
                continue;
            }
            if (top) {
                known++;
            }
            // most reads want no field (no filter): no boxed lookup then
            Integer slot = plan == null || plan.slots.isEmpty() ? null : plan.slots.get(number);
            FieldPlan child = plan == null || plan.children.isEmpty() ? null : plan.children.get(number);
            field(f, wire, number, end, depth, slot == null ? -1 : slot, child, shape, out, at);
        }
        if (pos > end) {
            throw new Malformed("the last field runs past the end of the message");
        }
        if (group >= 0) {
            throw new Malformed("group " + group + " is never closed");
        }
    }

    private void field(FieldDescriptor f, int wire, int number, int end, int depth, int slot, FieldPlan child,
                       ProtoShape shape, Object[] out, int at) {
        switch (wire) {
            case ProtoShape.VARINT -> {
                long v = varint(end);
                if (slot >= 0 && out[slot] == null) {
                    out[slot] = scalar(f, v);
                }
            }
            case ProtoShape.FIXED64 -> {
                need(8, end, f, at);
                long v = fixed64();
                if (slot >= 0 && out[slot] == null) {
                    out[slot] = f.getType() == FieldDescriptor.Type.DOUBLE ? (Object) Double.longBitsToDouble(v) : v;
                }
            }
            case ProtoShape.FIXED32 -> {
                need(4, end, f, at);
                int v = fixed32();
                if (slot >= 0 && out[slot] == null) {
                    out[slot] = f.getType() == FieldDescriptor.Type.FLOAT ? (Object) (double) Float.intBitsToFloat(v)
                            : f.getType() == FieldDescriptor.Type.SFIXED32 ? (long) v : v & 0xffffffffL;
                }
            }
            case ProtoShape.LEN -> {
                int len = length(end, f, at);
                int start = pos;
                pos += len;
                switch (f.getJavaType()) {
                    case MESSAGE -> {
                        int saved = pos;
                        pos = start;
                        message(start + len, shape.nested(f), child, out, depth + 1, -1, false);
                        pos = saved;
                        if (slot >= 0 && out[slot] == null) {
                            out[slot] = "{…}";
                        }
                    }
                    case STRING -> {
                        // protobuf's own strict check (the wrap copies nothing): always where protobuf-java
                        // itself would refuse the string, and for every string when guessing a type
                        if ((checkStrings || shape.checksUtf8(f))
                                && !JsonBytes.validUtf8(b, start, start + len)) {
                            throw new Malformed("field " + f.getName() + " is not valid UTF-8 text");
                        }
                        if (slot >= 0 && out[slot] == null) {
                            out[slot] = new String(b, start, len, StandardCharsets.UTF_8);
                        }
                    }
                    case BYTE_STRING -> {
                        if (slot >= 0 && out[slot] == null) {
                            out[slot] = HexDump.hex(java.util.Arrays.copyOfRange(b, start,
                                    start + Math.min(len, BYTES_SHOWN)), BYTES_SHOWN) + (len > BYTES_SHOWN ? "…" : "");
                        }
                    }
                    default -> { // packed repeated numbers: take the first one
                        if (slot >= 0 && out[slot] == null && len > 0) {
                            int saved = pos;
                            pos = start;
                            field(f, f.getLiteType().getWireType(), number, start + len, depth, slot, null, shape,
                                    out, at);
                            pos = saved;
                        }
                    }
                }
            }
            case ProtoShape.START_GROUP -> {
                // a group, or an editions message field with DELIMITED encoding: fields up to the end-group tag
                message(end, shape.nested(f), child, out, depth + 1, number, false);
                if (slot >= 0 && out[slot] == null) {
                    out[slot] = "{…}";
                }
            }
            default -> throw new Malformed("wire type " + wire + " at byte " + at + " does not exist");
        }
    }

    private static Object scalar(FieldDescriptor f, long v) {
        return switch (f.getType()) {
            case BOOL -> v != 0;
            case ENUM -> {
                EnumValueDescriptor e = f.getEnumType().findValueByNumber((int) v);
                yield e != null ? e.getName() : Long.toString((int) v);
            }
            case SINT32, SINT64 -> (v >>> 1) ^ -(v & 1);
            case INT32 -> (long) (int) v;
            case UINT32 -> v & 0xffffffffL;
            default -> v;
        };
    }

    private void skip(int wire, int number, int end, int depth, int at) {
        switch (wire) {
            case ProtoShape.VARINT -> varint(end);
            case ProtoShape.FIXED64 -> skipBytes(8, end, at);
            case ProtoShape.FIXED32 -> skipBytes(4, end, at);
            case ProtoShape.LEN -> {
                int len = length(end, null, at);
                pos += len;
            }
            case ProtoShape.START_GROUP -> message(end, null, null, null, depth + 1, number, false);
            default -> throw new Malformed("wire type " + wire + " at byte " + at + " does not exist");
        }
    }

    private void need(int n, int end, FieldDescriptor f, int at) {
        if (end - pos < n) {
            throw new Malformed("truncated: field " + f.getName() + " at byte " + at + " runs past the end");
        }
    }

    private void skipBytes(int n, int end, int at) {
        if (end - pos < n) {
            throw new Malformed("truncated: the field at byte " + at + " runs past the end");
        }
        pos += n;
    }

    private int length(int end, FieldDescriptor f, int at) {
        long len = varint(end);
        if (len < 0 || len > end - pos) {
            throw new Malformed("truncated: " + (f == null ? "the field" : "field " + f.getName()) + " at byte "
                    + at + " claims " + len + " bytes, only " + (end - pos) + " remain");
        }
        return (int) len;
    }

    private long varint(int end) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new Malformed("truncated: a number at byte " + pos + " runs past the end");
            }
            byte v = b[pos++];
            result |= (long) (v & 0x7f) << shift;
            if (v >= 0) {
                return result;
            }
        }
        throw new Malformed("a malformed number (varint longer than 10 bytes) before byte " + pos);
    }

    private long fixed64() {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[pos + i] & 0xffL);
        }
        pos += 8;
        return v;
    }

    private int fixed32() {
        int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    /** A message that is not well formed; no stack trace, it is an expected outcome. */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
