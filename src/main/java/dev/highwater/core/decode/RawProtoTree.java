package dev.highwater.core.decode;

import java.util.Locale;

/**
 * Bytes read as Protobuf without a schema, printed as {@code protoc --decode_raw} prints them: one line per field,
 * {@code N: value}, varints in unsigned decimal, fixed64 and fixed32 as {@code 0x} and 16 or 8 hex digits, groups as
 * {@code N {} … {@code }}, two spaces a level. A length-delimited field is printed as a nested message when its bytes
 * parse as one in full (protoc's guess, which can be wrong: the text {@code hi} parses as {@code 13: 105}), else as
 * a quoted string escaped as C escapes it. As in protoc, the guess goes {@value #GUESS_DEPTH} levels deep at most and
 * groups nest {@value #GROUP_DEPTH} deep at most, which bounds the recursion whatever the bytes hold.
 *
 * <p>The text is cut at a size given by the caller, with a line saying how many bytes it leaves out, so a big record
 * costs what is shown and no more.
 */
public final class RawProtoTree {

    /** protoc's kUnknownFieldRecursionLimit: deeper length-delimited fields are printed as strings. */
    static final int GUESS_DEPTH = 10;
    /** CodedInputStream's default recursion limit: groups nested deeper do not parse. */
    static final int GROUP_DEPTH = 100;

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int START_GROUP = 3;
    private static final int END_GROUP = 4;
    private static final int FIXED32 = 5;

    /**
     * @param protobuf whether the bytes parse as Protobuf
     * @param text     protoc's text for them (empty for no bytes), or why they are not Protobuf and their hex dump
     */
    public record Result(boolean protobuf, String text) {
    }

    private final byte[] bytes;
    private final StringBuilder out = new StringBuilder();
    private final int maxChars;

    private RawProtoTree(byte[] bytes, int maxChars) {
        this.bytes = bytes;
        this.maxChars = maxChars;
    }

    /**
     * The bytes as protoc --decode_raw prints them, about {@code maxChars} characters at most (a field line more):
     * past that, a last line says how many bytes are not shown. Bytes that are not Protobuf get the reason, with
     * its byte offset, and a hex dump of about the same size, eight bytes a line to fit a narrow pane.
     */
    public static Result of(byte[] bytes, int maxChars) {
        Malformed bad = problem(bytes, 0, bytes.length, GROUP_DEPTH);
        if (bad != null) {
            return new Result(false, "Not Protobuf: protoc --decode_raw says \"Failed to parse input.\" ("
                    + bad.getMessage() + ").\n\n" + HexDump.dump(bytes, Math.max(8, maxChars / 5), 8));
        }
        RawProtoTree tree = new RawProtoTree(bytes, maxChars);
        try {
            tree.fields(0, bytes.length, GUESS_DEPTH, 0);
        } catch (Cut cut) {
            tree.out.append(String.format(Locale.ROOT, "… %,d more bytes not shown (%,d in all)\n",
                    bytes.length - cut.at, bytes.length));
        }
        return new Result(true, tree.out.toString());
    }

    // ---- printing (the bytes are known to parse)

    /**
     * Prints the fields from {@code p} up to {@code end}, or up to the end-group tag that closes the group they are
     * in; returns the position after what it printed.
     *
     * @param budget how many more levels a length-delimited field may be guessed a message, as protoc counts them
     */
    private int fields(int p, int end, int budget, int indent) {
        Cursor c = new Cursor(bytes, p, end);
        while (c.pos < end) {
            int fieldAt = c.pos;
            long tag = c.tag();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (wireType == END_GROUP) {
                return c.pos; // the one that closes this group: the bytes were checked
            }
            if (out.length() >= maxChars) {
                throw new Cut(fieldAt);
            }
            indent(indent);
            out.append(field);
            switch (wireType) {
                case VARINT -> out.append(": ").append(Long.toUnsignedString(c.varint())).append('\n');
                case FIXED64 -> out.append(": 0x").append(String.format(Locale.ROOT, "%016x", c.fixed(8)))
                        .append('\n');
                case FIXED32 -> out.append(": 0x").append(String.format(Locale.ROOT, "%08x", c.fixed(4)))
                        .append('\n');
                case LENGTH_DELIMITED -> {
                    int length = (int) c.size();
                    int from = c.pos;
                    c.pos += length;
                    if (length > 0 && budget > 0 && problem(bytes, from, from + length, budget) == null) {
                        out.append(" {\n");
                        fields(from, from + length, budget - 1, indent + 1);
                        indent(indent);
                        out.append("}\n");
                    } else {
                        out.append(": \"");
                        escape(from, from + length);
                        out.append("\"\n");
                    }
                }
                case START_GROUP -> {
                    out.append(" {\n");
                    c.pos = fields(c.pos, end, budget - 1, indent + 1);
                    indent(indent);
                    out.append("}\n");
                }
                default -> throw new IllegalStateException("wire type " + wireType + " passed the check");
            }
        }
        return c.pos;
    }

    private void indent(int levels) {
        out.repeat("  ", levels);
    }

    /** As absl::CEscape: the usual backslash escapes, printable ASCII as is, every other byte in three octal digits. */
    private void escape(int from, int to) {
        for (int i = from; i < to; i++) {
            if (out.length() >= maxChars) {
                out.append("\"\n");
                throw new Cut(i);
            }
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (b < 0x20 || b >= 0x7f) {
                        out.append('\\').append((char) ('0' + (b >> 6))).append((char) ('0' + (b >> 3 & 7)))
                                .append((char) ('0' + (b & 7)));
                    } else {
                        out.append((char) b);
                    }
                }
            }
        }
    }

    // ---- checking, without recursion: groups are matched on a stack of at most groupDepth field numbers

    /** Why bytes[from, to) do not parse as a message with groups at most {@code groupDepth} deep, or null. */
    private static Malformed problem(byte[] bytes, int from, int to, int groupDepth) {
        int[] open = new int[groupDepth];
        int depth = 0;
        Cursor c = new Cursor(bytes, from, to);
        try {
            while (c.pos < to) {
                int at = c.pos;
                long tag = c.tag();
                int field = (int) (tag >>> 3);
                int wireType = (int) (tag & 7);
                if (field == 0) {
                    throw new Malformed("byte " + at + ": field number 0, which no field has");
                }
                switch (wireType) {
                    case VARINT -> c.varint();
                    case FIXED64 -> c.fixed(8);
                    case FIXED32 -> c.fixed(4);
                    case LENGTH_DELIMITED -> {
                        int length = (int) c.size(); // read before the position it moves is added to
                        c.pos += length;
                    }
                    case START_GROUP -> {
                        if (depth == groupDepth) {
                            throw new Malformed("byte " + at + ": groups nested deeper than " + groupDepth);
                        }
                        open[depth++] = field;
                    }
                    case END_GROUP -> {
                        if (depth == 0 || open[depth - 1] != field) {
                            throw new Malformed("byte " + at + ": the end of group " + field + ", which is not open");
                        }
                        depth--;
                    }
                    default -> throw new Malformed("byte " + at + ": wire type " + wireType
                            + ", which Protobuf does not have");
                }
            }
        } catch (Malformed e) {
            return e;
        }
        return depth == 0 ? null : new Malformed("group " + open[depth - 1] + " is not closed at the end");
    }

    /** Reads the wire format's parts from a range of the bytes; anything short or too long is {@link Malformed}. */
    private static final class Cursor {
        private final byte[] bytes;
        private final int end;
        int pos;

        Cursor(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        /** A tag takes at most 5 bytes; like protoc, only its low 32 bits count. */
        long tag() {
            return varint(5, "a tag") & 0xffff_ffffL;
        }

        /** Up to 10 bytes; bits past the 64th are dropped, as protoc drops them. */
        long varint() {
            return varint(10, "a varint");
        }

        /** A length: at most 5 bytes, and no longer than what is left. */
        long size() {
            int at = pos;
            long size = varint(5, "a length");
            if (size > end - pos) {
                throw new Malformed("byte " + at + ": a length of " + size + " where " + (end - pos)
                        + " bytes are left");
            }
            return size;
        }

        long fixed(int n) {
            if (end - pos < n) {
                throw new Malformed("byte " + pos + ": " + n + " bytes of a fixed" + n * 8 + " field where "
                        + (end - pos) + " are left");
            }
            long v = 0;
            for (int i = n - 1; i >= 0; i--) {
                v = v << 8 | (bytes[pos + i] & 0xff);
            }
            pos += n;
            return v;
        }

        private long varint(int maxBytes, String what) {
            int at = pos;
            long v = 0;
            for (int i = 0; i < maxBytes; i++) {
                if (pos == end) {
                    throw new Malformed("byte " + at + ": " + what + " cut short by the end");
                }
                int b = bytes[pos++] & 0xff;
                v |= (long) (b & 0x7f) << (7 * i); // the tenth byte's shift keeps its lowest bit only
                if (b < 0x80) {
                    return v;
                }
            }
            throw new Malformed("byte " + at + ": " + what + " longer than " + maxBytes + " bytes");
        }
    }

    /** Why bytes are not Protobuf; thrown often while guessing, so it keeps no stack trace. */
    private static final class Malformed extends RuntimeException {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The text reached its size; {@code at} is the first byte not shown. */
    private static final class Cut extends RuntimeException {
        final int at;

        Cut(int at) {
            super(null, null, false, false);
            this.at = at;
        }
    }
}
