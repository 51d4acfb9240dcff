package dev.highwater.core.ledger;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a registry-framed Avro ledger event with the schema it was written with, field by name: the amount as
 * a decimal string or an Avro {@code decimal} (exact either way), the event type as an enum symbol or a string,
 * the time as epoch milliseconds ({@code long}, or {@code timestamp-millis}). One per {@link LedgerDecoder}.
 */
final class FramedAvro {

    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
    private BinaryDecoder binary;

    LedgerDecoder.Outcome decode(LedgerDecoder d, LedgerSchemas.Avro layout, int id, byte[] b, int pos) {
        Schema writer = layout.writer();
        GenericRecord r;
        try {
            binary = DecoderFactory.get().binaryDecoder(b, pos, b.length - pos, binary);
            r = readers.computeIfAbsent(id, k -> new GenericDatumReader<>(writer)).read(null, binary);
            if (!binary.isEnd()) {
                return d.failWith("the Avro record of schema id " + id + " has " + (b.length - pos)
                        + " bytes, more than its schema reads");
            }
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            return d.failWith("not an Avro record of schema id " + id + " (" + layout.schema() + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        byte[] id1 = text(r, writer, LedgerSchemas.ID);
        byte[] account = text(r, writer, LedgerSchemas.ACCOUNT);
        byte[] reference = text(r, writer, LedgerSchemas.REFERENCE);
        Object type = value(r, writer, LedgerSchemas.TYPE);
        String typeName = type instanceof GenericEnumSymbol<?> || type instanceof CharSequence ? type.toString() : "";
        Boolean credit = typeName.equals("ACCOUNT_CREDITED") ? Boolean.TRUE
                : typeName.equals("ACCOUNT_DEBITED") ? Boolean.FALSE : null;
        Object ts = value(r, writer, LedgerSchemas.TIMESTAMP);
        Schema.Field tsField = LedgerSchemas.avroField(writer, LedgerSchemas.TIMESTAMP);
        LogicalType tsType = tsField == null ? null : nonNull(tsField.schema()).getLogicalType();
        if (!(ts instanceof Long || ts instanceof Integer)
                || tsType != null && !(tsType instanceof LogicalTypes.TimestampMillis)) {
            return d.failWith("the Avro record of schema id " + id + " has no timestamp in epoch milliseconds");
        }
        byte[] amount;
        try {
            amount = amount(r, writer);
        } catch (RuntimeException e) {
            return d.failWith("the Avro record of schema id " + id + " has an amount that is not a decimal: "
                    + e.getMessage());
        }
        LedgerDecoder.Outcome o = d.set(id1, account, reference, credit, ((Number) ts).longValue(), amount);
        if (o == LedgerDecoder.Outcome.UNKNOWN_TYPE) {
            return d.unknownType(typeName.isEmpty() ? "event type unspecified" : "unknown event type " + typeName);
        }
        return o;
    }

    private static Object value(GenericRecord r, Schema writer, int role) {
        Schema.Field f = LedgerSchemas.avroField(writer, role);
        return f == null ? null : r.get(f.pos());
    }

    private static byte[] text(GenericRecord r, Schema writer, int role) {
        Object v = value(r, writer, role);
        if (v instanceof Utf8 u) {
            return java.util.Arrays.copyOf(u.getBytes(), u.getByteLength());
        }
        return v instanceof CharSequence c ? c.toString().getBytes(StandardCharsets.UTF_8) : null;
    }

    private static byte[] amount(GenericRecord r, Schema writer) {
        Schema.Field f = LedgerSchemas.avroField(writer, LedgerSchemas.AMOUNT);
        Object v = r.get(f.pos());
        Schema s = nonNull(f.schema());
        if (v instanceof CharSequence) {
            return text(r, writer, LedgerSchemas.AMOUNT);
        }
        if (s.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            BigDecimal exact = v instanceof ByteBuffer buffer ? DECIMALS.fromBytes(buffer.duplicate(), s, decimal)
                    : v instanceof GenericFixed fixed ? DECIMALS.fromFixed(fixed, s, decimal) : null;
            if (exact != null) {
                return exact.toPlainString().getBytes(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    /** A union of null and one type, as optional fields are written, is that type. */
    private static Schema nonNull(Schema s) {
        if (s.getType() == Schema.Type.UNION) {
            for (Schema branch : s.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch;
                }
            }
        }
        return s;
    }
}
