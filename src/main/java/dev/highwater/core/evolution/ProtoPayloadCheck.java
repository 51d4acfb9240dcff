package dev.highwater.core.evolution;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.Type;
import dev.highwater.core.evolution.ProtoTypeChange.Wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * Whether a Protobuf payload reads with a message type without losing anything: every present tag the type knows
 * must carry the wire type the type's field expects (protobuf-java keeps a mismatched one as an unknown field,
 * silently: the field reads as unset), strings must be UTF-8, a closed enum must know the number, nested messages
 * are walked the same way, and proto2 required fields must be there. Tags the type does not know (a removed field)
 * are what unknown fields are for and pass.
 */
final class ProtoPayloadCheck {

    private static final int MAX_DEPTH = 100;

    private final byte[] b;
    private int pos;

    private ProtoPayloadCheck(byte[] bytes, int from) {
        this.b = bytes;
        this.pos = from;
    }

    /** Null when the payload {@code bytes[from..]} reads as {@code type} in full, else why not in one sentence. */
    static String problem(byte[] bytes, int from, Descriptor type) {
        try {
            return new ProtoPayloadCheck(bytes, from).message(type, bytes.length, -1, 0);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Walks one message up to {@code end} (or its end-group tag when {@code group} is its field number). */
    private String message(Descriptor type, int end, int group, int depth) {
        if (depth > MAX_DEPTH) {
            return "messages nest deeper than " + MAX_DEPTH + " levels";
        }
        BitSet seen = new BitSet();
        while (pos < end) {
            long tag = varint(end);
            int number = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (wireType == 4) {
                if (number == group) {
                    return required(type, seen);
                }
                return "an end-group tag " + number + " nobody opened in " + type.getFullName();
            }
            if (number == 0 || wireType > 5) {
                return "a malformed tag in " + type.getFullName() + " (field " + number + ", wire type " + wireType + ")";
            }
            Wire wire = Wire.values()[wireType];
            FieldDescriptor f = type.findFieldByNumber(number);
            if (f == null) {
                skip(wire, number, end);
                continue;
            }
            seen.set(number);
            Wire expected = ProtoTypeChange.wire(f.getType());
            boolean packed = wire == Wire.LEN && f.isRepeated() && f.isPackable();
            if (wire != expected && !packed) {
                return "field " + f.getFullName() + " (tag " + number + ") is " + ProtoTypeChange.name(f)
                        + " in the new schema but the record holds a " + wire + " value there, which protobuf-java "
                        + "keeps as an unknown field: the value is lost";
            }
            String problem = value(f, wire, packed, end, depth);
            if (problem != null) {
                return problem;
            }
        }
        if (group >= 0) {
            throw new IllegalStateException("the group of field " + group + " in " + type.getFullName()
                    + " is not closed");
        }
        return required(type, seen);
    }

    private String value(FieldDescriptor f, Wire wire, boolean packed, int end, int depth) {
        if (packed) {
            int stop = length(end);
            while (pos < stop) {
                skip(ProtoTypeChange.wire(f.getType()), f.getNumber(), stop);
            }
            return null;
        }
        return switch (wire) {
            case LEN -> {
                int stop = length(end);
                int start = pos;
                pos = stop;
                if (f.getType() == Type.STRING && !utf8(start, stop)) {
                    yield "field " + f.getFullName() + " (tag " + f.getNumber() + ") holds bytes that are not UTF-8";
                }
                if (f.getType() == Type.MESSAGE) {
                    pos = start;
                    String p = message(f.getMessageType(), stop, -1, depth + 1);
                    pos = stop;
                    yield p;
                }
                yield null;
            }
            case SGROUP -> message(f.getMessageType(), end, f.getNumber(), depth + 1);
            case VARINT -> {
                long v = varint(end);
                if (f.getType() == Type.ENUM && f.legacyEnumFieldTreatedAsClosed()
                        && f.getEnumType().findValueByNumber((int) v) == null) {
                    yield "field " + f.getFullName() + " (tag " + f.getNumber() + ") holds " + (int) v + ", which the "
                            + "closed enum " + f.getEnumType().getFullName() + " does not have: protobuf-java keeps "
                            + "it as an unknown field";
                }
                yield null;
            }
            default -> {
                skip(wire, f.getNumber(), end);
                yield null;
            }
        };
    }

    private static String required(Descriptor type, BitSet seen) {
        for (FieldDescriptor f : type.getFields()) {
            if (f.isRequired() && !seen.get(f.getNumber())) {
                return "the required field " + f.getFullName() + " (tag " + f.getNumber() + ") is missing";
            }
        }
        return null;
    }

    private void skip(Wire wire, int number, int end) {
        switch (wire) {
            case VARINT -> varint(end);
            case I64 -> advance(8, end);
            case I32 -> advance(4, end);
            case LEN -> pos = length(end);
            case SGROUP -> {
                while (true) {
                    long tag = varint(end);
                    int wt = (int) (tag & 7);
                    if (wt == 4) {
                        if ((int) (tag >>> 3) != number) {
                            throw new IllegalStateException("a group of field " + number + " ends with the tag of "
                                    + "field " + (tag >>> 3));
                        }
                        return;
                    }
                    if (wt > 5) {
                        throw new IllegalStateException("a malformed tag inside the group of field " + number);
                    }
                    skip(Wire.values()[wt], (int) (tag >>> 3), end);
                }
            }
            case EGROUP -> throw new IllegalStateException("an end-group tag out of place");
        }
    }

    private int length(int end) {
        long n = varint(end);
        if (n < 0 || n > end - pos) {
            throw new IllegalStateException("a length-delimited field runs past the end of its message (truncated)");
        }
        return pos + (int) n;
    }

    private void advance(int n, int end) {
        if (end - pos < n) {
            throw new IllegalStateException("a fixed-size field runs past the end of its message (truncated)");
        }
        pos += n;
    }

    private long varint(int end) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new IllegalStateException("a varint runs past the end of its message (truncated)");
            }
            byte x = b[pos++];
            result |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return result;
            }
        }
        throw new IllegalStateException("a varint longer than 10 bytes (malformed)");
    }

    private boolean utf8(int from, int to) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
