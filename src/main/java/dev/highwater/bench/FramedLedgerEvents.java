package dev.highwater.bench;

import com.google.protobuf.CodedOutputStream;
import dev.highwater.core.ledger.LedgerEvent;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Ledger events as a producer with a schema registry writes them (Confluent framing: magic byte 0, the 4-byte
 * schema id, for Protobuf the message indexes, then the payload), in three versions of a Protobuf schema that
 * evolves as a real one does, and in Avro with an exact decimal amount. For the ledger bench and the tests.
 */
public final class FramedLedgerEvents {

    /** Version 1: the ledger's own schema (proto/ledger.proto). */
    public static final String PROTO_V1 = RegistryFraming.ownProto("ledger.proto");

    /** Version 2: a field added (the currency). */
    public static final String PROTO_V2 = PROTO_V1.replace("  int64 timestamp = 6;\n",
            "  int64 timestamp = 6;\n  string currency = 7;\n");

    /** Version 3: the reference removed, its tag and name reserved. */
    public static final String PROTO_V3 = PROTO_V2.replace("  string reference = 5;\n",
            "  reserved 5;\n  reserved \"reference\";\n");

    /** The ledger event in Avro: the amount an exact decimal (scale 2), the time in epoch milliseconds. */
    public static final String AVRO = """
            {"type": "record", "name": "LedgerEvent", "namespace": "ledger.avro", "fields": [
              {"name": "eventId", "type": "string"},
              {"name": "accountId", "type": "string"},
              {"name": "eventType", "type": {"type": "enum", "name": "EventType",
                "symbols": ["ACCOUNT_CREDITED", "ACCOUNT_DEBITED"]}},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 30, "scale": 2}},
              {"name": "reference", "type": ["null", "string"], "default": null},
              {"name": "timestamp", "type": {"type": "long", "logicalType": "timestamp-millis"}}
            ]}
            """;

    private static final Schema AVRO_SCHEMA = new Schema.Parser().parse(AVRO);
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private FramedLedgerEvents() {
    }

    /** The event as Protobuf of the given schema version (1, 2 or 3), framed for schema id {@code id}. */
    public static byte[] protobuf(int id, int version, LedgerEvent e) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            RegistryFraming.header(out, id);
            out.write(0); // message indexes: the first message of the schema
            CodedOutputStream c = CodedOutputStream.newInstance(out);
            c.writeString(1, e.eventId());
            c.writeString(2, e.accountId());
            c.writeEnum(3, e.type() == LedgerEvent.Type.ACCOUNT_CREDITED ? 1 : 2);
            c.writeString(4, e.amount().toPlainString());
            if (version < 3) {
                c.writeString(5, e.reference());
            }
            c.writeInt64(6, e.timestamp());
            if (version >= 2) {
                c.writeString(7, "EUR");
            }
            c.flush();
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The event as Avro ({@link #AVRO}), framed for schema id {@code id}. */
    public static byte[] avro(int id, LedgerEvent e) {
        GenericRecord r = new GenericData.Record(AVRO_SCHEMA);
        r.put("eventId", e.eventId());
        r.put("accountId", e.accountId());
        r.put("eventType", new GenericData.EnumSymbol(AVRO_SCHEMA.getField("eventType").schema(), e.type().name()));
        Schema amount = AVRO_SCHEMA.getField("amount").schema();
        r.put("amount", DECIMALS.toBytes(e.amount().setScale(2, RoundingMode.UNNECESSARY), amount,
                (LogicalTypes.Decimal) amount.getLogicalType()));
        r.put("reference", e.reference());
        r.put("timestamp", e.timestamp());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            RegistryFraming.header(out, id);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(AVRO_SCHEMA).write(r, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
