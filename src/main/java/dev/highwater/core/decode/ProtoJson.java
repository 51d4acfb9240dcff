package dev.highwater.core.decode;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.highwater.core.text.JsonBytes;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes a Protobuf message as JSON straight from its wire format, byte for byte what protobuf-java-util's compact
 * printer writes for the message parsed ({@link RecordRendering}), without building the message: about ten times
 * less work a record, which is what lets {@code tail --format json} keep up with the fetch.
 * <p>
 * It takes the wire format as protobuf-java writes it, which is nearly always: fields in ascending number, each
 * singular field once, a repeated field's values together. Anything else, and every type it does not render
 * (maps, groups, required fields, well-known types such as Timestamp or Any, closed enums with a value they do not
 * know, strings that are not UTF-8, fields of implicit presence written with their default value), makes
 * {@link #write} answer false having written nothing, and the caller prints the record the slow, general way:
 * the output is the same either way. Not thread-safe: one per rendering thread.
 */
final class ProtoJson {

    /** protobuf-java's parser refuses messages nested deeper than 100; the slow path says so. */
    private static final int MAX_DEPTH = 90;

    private final Map<Descriptor, Plan> plans = new IdentityHashMap<>();
    private Descriptor lastType;
    private Plan lastPlan;
    private byte[] b;
    private int pos;

    /**
     * Appends the JSON of the message of {@code type} in {@code bytes[from, to)} to {@code out}; false (and
     * {@code out} as it was) when this record needs the general printer.
     */
    boolean write(Descriptor type, byte[] bytes, int from, int to, JsonBytes out) {
        if (type != lastType) {
            lastPlan = plan(type);
            lastType = type;
        }
        Plan plan = lastPlan;
        if (!plan.renderable) {
            return false;
        }
        int mark = out.length();
        this.b = bytes;
        this.pos = from;
        try {
            if (message(plan, to, out, 0)) {
                return true;
            }
        } catch (ArrayIndexOutOfBoundsException malformed) {
            // a length past the end: the general path reports it
        } finally {
            this.b = null;
        }
        out.truncate(mark);
        return false;
    }

    private boolean message(Plan plan, int end, JsonBytes out, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        out.raw((byte) '{');
        int last = 0;
        Field open = null; // the repeated field whose array is open
        boolean first = true;
        boolean inArrayFirst = false;
        long oneofsSeen = 0;
        while (pos < end) {
            long tag = varint();
            int number = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (number <= 0 || tag >>> 3 > 536_870_911L) {
                return false;
            }
            Field f = plan.field(number);
            if (f == null) {
                if (!skip(wire, end) || number < last) {
                    return false; // an unknown field is not printed, but out of order it may hide a merge
                }
                continue;
            }
            if (!f.accepts(wire)) {
                return false; // protobuf-java keeps it as an unknown field
            }
            if (open != null && open != f) {
                out.raw((byte) ']');
                open = null;
            }
            if (f.repeated) {
                if (open == null) {
                    if (number <= last) {
                        return false;
                    }
                    if (!first) {
                        out.raw((byte) ',');
                    }
                    out.raw(f.name).raw((byte) '[');
                    first = false;
                    open = f;
                    inArrayFirst = true;
                }
                if (wire == ProtoShape.LEN && f.wire != ProtoShape.LEN) {
                    int chunkEnd = length(end);
                    while (pos < chunkEnd) {
                        if (!inArrayFirst) {
                            out.raw((byte) ',');
                        }
                        inArrayFirst = false;
                        if (!value(f, chunkEnd, out, depth, true)) {
                            return false;
                        }
                    }
                    if (pos != chunkEnd) {
                        return false;
                    }
                } else {
                    if (!inArrayFirst) {
                        out.raw((byte) ',');
                    }
                    inArrayFirst = false;
                    if (!value(f, end, out, depth, true)) {
                        return false;
                    }
                }
            } else {
                if (number <= last) {
                    return false; // twice (last one wins, or merged), or out of order: the general path
                }
                if (f.oneof >= 0) {
                    if (f.oneof >= 64 || (oneofsSeen & 1L << f.oneof) != 0) {
                        return false;
                    }
                    oneofsSeen |= 1L << f.oneof;
                }
                if (!first) {
                    out.raw((byte) ',');
                }
                first = false;
                out.raw(f.name);
                if (!value(f, end, out, depth, false)) {
                    return false;
                }
            }
            last = number;
        }
        if (pos != end) {
            return false;
        }
        if (open != null) {
            out.raw((byte) ']');
        }
        out.raw((byte) '}');
        return true;
    }

    /** One value of {@code f}; false when the general printer must take the record. */
    private boolean value(Field f, int end, JsonBytes out, int depth, boolean element) {
        boolean implicitDefault;
        switch (f.type) {
            case INT32 -> {
                int v = (int) varint();
                implicitDefault = v == 0;
                out.number(v);
            }
            case SINT32 -> {
                int raw = (int) varint();
                int v = raw >>> 1 ^ -(raw & 1);
                implicitDefault = v == 0;
                out.number(v);
            }
            case SFIXED32 -> {
                int v = fixed32();
                implicitDefault = v == 0;
                out.number(v);
            }
            case UINT32 -> {
                int v = (int) varint();
                implicitDefault = v == 0;
                out.number(Integer.toUnsignedLong(v));
            }
            case FIXED32 -> {
                int v = fixed32();
                implicitDefault = v == 0;
                out.number(Integer.toUnsignedLong(v));
            }
            case INT64 -> {
                long v = varint();
                implicitDefault = v == 0;
                out.raw((byte) '"').number(v).raw((byte) '"');
            }
            case SINT64 -> {
                long raw = varint();
                long v = raw >>> 1 ^ -(raw & 1);
                implicitDefault = v == 0;
                out.raw((byte) '"').number(v).raw((byte) '"');
            }
            case SFIXED64 -> {
                long v = fixed64();
                implicitDefault = v == 0;
                out.raw((byte) '"').number(v).raw((byte) '"');
            }
            case UINT64, FIXED64 -> {
                long v = f.type == FieldDescriptor.Type.UINT64 ? varint() : fixed64();
                implicitDefault = v == 0;
                out.raw((byte) '"');
                if (v >= 0) {
                    out.number(v);
                } else {
                    out.utf8(Long.toUnsignedString(v));
                }
                out.raw((byte) '"');
            }
            case BOOL -> {
                boolean v = varint() != 0;
                implicitDefault = !v;
                out.raw(v ? TRUE : FALSE);
            }
            case FLOAT -> {
                int bits = fixed32();
                implicitDefault = bits == 0;
                float v = Float.intBitsToFloat(bits);
                if (Float.isNaN(v)) {
                    out.raw(NAN);
                } else if (Float.isInfinite(v)) {
                    out.raw(v < 0 ? MINUS_INFINITY : INFINITY);
                } else {
                    out.utf8(Float.toString(v));
                }
            }
            case DOUBLE -> {
                long bits = fixed64();
                implicitDefault = bits == 0;
                double v = Double.longBitsToDouble(bits);
                if (Double.isNaN(v)) {
                    out.raw(NAN);
                } else if (Double.isInfinite(v)) {
                    out.raw(v < 0 ? MINUS_INFINITY : INFINITY);
                } else {
                    out.utf8(Double.toString(v));
                }
            }
            case STRING -> {
                int to = length(end);
                implicitDefault = to == pos;
                if (!out.string(b, pos, to, true)) {
                    return false;
                }
                pos = to;
            }
            case BYTES -> {
                int to = length(end);
                implicitDefault = to == pos;
                out.base64(b, pos, to);
                pos = to;
            }
            case ENUM -> {
                int n = (int) varint();
                implicitDefault = n == 0;
                byte[] name = f.enumName(n);
                if (name != null) {
                    out.raw(name);
                } else if (f.closedEnum) {
                    return false; // protobuf-java keeps an unknown value of a closed enum as an unknown field
                } else {
                    out.number(n);
                }
            }
            case MESSAGE -> {
                int to = length(end);
                implicitDefault = false;
                if (!message(f.nested(this), to, out, depth + 1)) {
                    return false;
                }
                pos = to;
            }
            default -> {
                return false;
            }
        }
        // a field without presence written with its default value: what the printer shows of it is its business
        return element || f.presence || !implicitDefault;
    }

    private long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b[pos++];
            result |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return result;
            }
        }
        throw new ArrayIndexOutOfBoundsException("a varint longer than 10 bytes");
    }

    private int fixed32() {
        int v = b[pos] & 0xff | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    private long fixed64() {
        long lo = fixed32() & 0xffffffffL;
        long hi = fixed32() & 0xffffffffL;
        return hi << 32 | lo;
    }

    /** Reads a length and returns where the bytes it announces end; out of bounds when they pass {@code end}. */
    private int length(int end) {
        long n = varint();
        if (n < 0 || n > end - pos) {
            throw new ArrayIndexOutOfBoundsException("a length past the end");
        }
        return pos + (int) n;
    }

    private boolean skip(int wire, int end) {
        switch (wire) {
            case ProtoShape.VARINT -> varint();
            case ProtoShape.FIXED64 -> pos += 8;
            case ProtoShape.FIXED32 -> pos += 4;
            case ProtoShape.LEN -> pos = length(end);
            default -> {
                return false; // groups: the general path
            }
        }
        return pos <= end;
    }

    private Plan plan(Descriptor type) {
        Plan p = plans.get(type);
        if (p == null) {
            p = new Plan(type);
            plans.put(type, p); // before the fields are looked at, so a recursive type finds itself
            p.renderable = renderable(type, new HashMap<>());
        }
        return p;
    }

    /** Whether every message reachable from {@code type} is of a kind this class renders exactly. */
    private static boolean renderable(Descriptor type, Map<Descriptor, Boolean> seen) {
        Boolean known = seen.get(type);
        if (known != null) {
            return known;
        }
        seen.put(type, true); // a recursive reference does not decide by itself
        boolean ok = !type.getFullName().startsWith("google.protobuf.") && !type.getOptions().getMapEntry();
        for (FieldDescriptor f : type.getFields()) {
            if (!ok) {
                break;
            }
            ok = !f.isMapField() && !f.isRequired() && !f.isExtension()
                    && f.getType() != FieldDescriptor.Type.GROUP
                    && (f.getType() != FieldDescriptor.Type.ENUM
                        || !f.getEnumType().getFullName().startsWith("google.protobuf."))
                    && (f.getType() != FieldDescriptor.Type.MESSAGE || renderable(f.getMessageType(), seen));
        }
        seen.put(type, ok);
        return ok;
    }

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NAN = ascii("\"NaN\"");
    private static final byte[] INFINITY = ascii("\"Infinity\"");
    private static final byte[] MINUS_INFINITY = ascii("\"-Infinity\"");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A type's fields by number, each with its JSON name written out and what its values need. */
    private static final class Plan {
        private final Field[] dense;
        private final Map<Integer, Field> sparse;
        private boolean renderable;

        Plan(Descriptor type) {
            int max = 0;
            for (FieldDescriptor f : type.getFields()) {
                max = Math.max(max, f.getNumber());
            }
            if (max <= 4096) {
                dense = new Field[max + 1];
                sparse = null;
                type.getFields().forEach(f -> dense[f.getNumber()] = new Field(f));
            } else {
                dense = null;
                sparse = new HashMap<>();
                type.getFields().forEach(f -> sparse.put(f.getNumber(), new Field(f)));
            }
        }

        Field field(int number) {
            if (dense != null) {
                return number < dense.length ? dense[number] : null;
            }
            return sparse.get(number);
        }
    }

    private static final class Field {
        final FieldDescriptor descriptor;
        final FieldDescriptor.Type type;
        final byte[] name;
        final boolean repeated;
        final boolean presence;
        final int oneof;
        final int wire;
        final boolean packable;
        final boolean closedEnum;
        private Map<Integer, byte[]> enumNames;
        private Plan nested;

        Field(FieldDescriptor f) {
            descriptor = f;
            type = f.getType();
            // as the printer writes it: the JSON name between quotes as it is
            name = new JsonBytes(16).raw((byte) '"').utf8(f.getJsonName()).raw((byte) '"').raw((byte) ':')
                    .toByteArray();
            repeated = f.isRepeated();
            presence = f.hasPresence();
            oneof = f.getRealContainingOneof() == null ? -1 : f.getRealContainingOneof().getIndex();
            wire = f.getLiteType().getWireType();
            packable = f.isRepeated() && f.getLiteType().isPackable();
            closedEnum = type == FieldDescriptor.Type.ENUM && f.getEnumType().isClosed();
        }

        boolean accepts(int w) {
            return w == wire || w == ProtoShape.LEN && packable;
        }

        /** The enum value's name, quoted, or null when the enum has no value of that number. */
        byte[] enumName(int number) {
            if (enumNames == null) {
                enumNames = new HashMap<>();
                EnumDescriptor e = descriptor.getEnumType();
                for (EnumValueDescriptor v : e.getValues()) {
                    enumNames.putIfAbsent(v.getNumber(), new JsonBytes(16).raw((byte) '"')
                            .utf8(v.getName()).raw((byte) '"').toByteArray());
                }
            }
            return enumNames.get(number);
        }

        Plan nested(ProtoJson owner) {
            if (nested == null) {
                nested = owner.plan(descriptor.getMessageType());
            }
            return nested;
        }
    }
}
