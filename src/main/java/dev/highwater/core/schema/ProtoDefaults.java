package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A field's {@code [default = …]} written into {@code default_value} the way protoc writes it: integers in
 * decimal, floating point as C's {@code %g} with the fewest digits of two that read back the same (15 or 17 for
 * double, 6 or 9 for float), bytes C-escaped, text as it reads.
 */
final class ProtoDefaults {

    private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UINT32_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ProtoDefaults() {
    }

    /** Reads the value after {@code default =} for field {@code f} (its label and type already set). */
    static String read(ProtoCursor c, FieldDescriptorProto.Builder f, ProtoTokens.Token at, boolean proto3) {
        if (proto3) {
            throw c.error(at, "explicit default values are not allowed in proto3; remove [default = …]");
        }
        if (f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED) {
            throw c.error(at, "repeated fields cannot have default values");
        }
        boolean negative = c.accept("-");
        ProtoTokens.Token v = c.nextJoined();
        if (!f.hasType()) {
            // a named type: an enum's value here (a message would fail when linked, as with protoc)
            if (negative || v.kind() != ProtoTokens.Kind.IDENT) {
                throw c.error(v, "expected an enum value name as the default, found '" + v.text() + "'");
            }
            return v.text();
        }
        return switch (f.getType()) {
            case TYPE_INT32, TYPE_SINT32, TYPE_SFIXED32 -> integer(c, v, negative, INT32_MAX.negate().subtract(
                    BigInteger.ONE), INT32_MAX);
            case TYPE_INT64, TYPE_SINT64, TYPE_SFIXED64 -> integer(c, v, negative, INT64_MAX.negate().subtract(
                    BigInteger.ONE), INT64_MAX);
            case TYPE_UINT32, TYPE_FIXED32 -> integer(c, v, negative, BigInteger.ZERO, UINT32_MAX);
            case TYPE_UINT64, TYPE_FIXED64 -> integer(c, v, negative, BigInteger.ZERO, UINT64_MAX);
            // the sign is applied to the number, not to its text: protoc writes -nan as nan
            case TYPE_FLOAT -> shortest((float) (negative ? -number(c, v) : number(c, v)), true);
            case TYPE_DOUBLE -> shortest(negative ? -number(c, v) : number(c, v), false);
            case TYPE_BOOL -> {
                if (negative || !ProtoCursor.is(v, "true") && !ProtoCursor.is(v, "false")) {
                    throw c.error(v, "expected true or false as the default, found '" + v.text() + "'");
                }
                yield v.text();
            }
            case TYPE_STRING -> text(c, v, negative).utf8();
            case TYPE_BYTES -> cEscape(text(c, v, negative).text());
            case TYPE_MESSAGE, TYPE_GROUP, TYPE_ENUM -> throw c.error(at, "messages cannot have default values");
        };
    }

    private static String integer(ProtoCursor c, ProtoTokens.Token v, boolean negative, BigInteger min,
                                  BigInteger max) {
        BigInteger n = c.integer(v, "an integer default");
        if (negative) {
            n = n.negate();
        }
        if (n.signum() < 0 && min.signum() == 0) {
            throw c.error(v, "an unsigned field cannot have a negative default");
        }
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            throw c.error(v, "the default " + n + " is out of the field type's range");
        }
        return n.toString();
    }

    private static double number(ProtoCursor c, ProtoTokens.Token v) {
        if (ProtoCursor.is(v, "inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (ProtoCursor.is(v, "nan")) {
            return Double.NaN;
        }
        if (v.kind() == ProtoTokens.Kind.INT) {
            BigInteger n = c.integer(v, "a number");
            // the minus is part of the token; -0 is a double of its own, which protoc writes as -0
            return n.signum() == 0 && v.text().startsWith("-") ? -0.0 : n.doubleValue();
        }
        if (v.kind() == ProtoTokens.Kind.FLOAT) {
            try {
                return Double.parseDouble(v.text());
            } catch (NumberFormatException e) {
                throw c.error(v, "'" + v.text() + "' is not a valid number");
            }
        }
        throw c.error(v, "expected a number as the default, found '" + v.text() + "'");
    }

    private static ProtoTokens.Token text(ProtoCursor c, ProtoTokens.Token v, boolean negative) {
        if (negative || v.kind() != ProtoTokens.Kind.STRING) {
            throw c.error(v, "expected a quoted default, found '" + v.text() + "'");
        }
        return v;
    }

    /**
     * As protoc's SimpleDtoa ({@code %.15g}, or {@code %.17g} when that does not read back the same) or, for float
     * fields, SimpleFtoa ({@code %.6g}, else {@code %.9g}).
     */
    static String shortest(double v, boolean isFloat) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v) || v == 0) {
            return Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : 1 / v < 0 ? "-0" : "0";
        }
        String s = g(v, isFloat ? 6 : 15);
        boolean readsBack = isFloat ? Float.parseFloat(s) == (float) v : Double.parseDouble(s) == v;
        return readsBack ? s : g(v, isFloat ? 9 : 17);
    }

    /** C's {@code %.{precision}g}: fixed notation for exponents -4 up to precision - 1, else exponent notation. */
    private static String g(double v, int precision) {
        BigDecimal d = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            String mantissa = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            int e = Math.abs(exponent);
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
        }
        return d.stripTrailingZeros().toPlainString();
    }

    /** As protoc's CEscape: the usual backslash escapes, other unprintable bytes as three octal digits. */
    static String cEscape(String bytes) {
        StringBuilder sb = new StringBuilder();
        for (char ch : bytes.toCharArray()) {
            switch (ch) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\'' -> sb.append("\\'");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20 || ch >= 0x7f) {
                        sb.append('\\').append((char) ('0' + (ch >> 6 & 3))).append((char) ('0' + (ch >> 3 & 7)))
                                .append((char) ('0' + (ch & 7)));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }
}
