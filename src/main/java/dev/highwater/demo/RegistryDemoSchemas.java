package dev.highwater.demo;

import com.google.protobuf.CodedOutputStream;
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
import java.nio.ByteBuffer;

/**
 * The schemas of the demo's registry-framed topics and their records in Confluent's framing: magic byte 0, the
 * schema id (4 bytes, big-endian), for Protobuf the message indexes (zig-zag varints; {@code [0]} as a single
 * 0), then the payload.
 *
 * <p>The payment schema evolves as a producer's would under BACKWARD compatibility: v2 adds {@code channel},
 * v3 removes {@code memo} and reserves its tag and name. It imports {@code Money} from a subject of its own.
 * The Protobuf payloads are written field by field in the wire format the schema text declares, so no
 * generated classes stand between a reader and the text the registry holds.
 */
public final class RegistryDemoSchemas {

    /** The subject of the shared {@code Money} message, as a record-name strategy would call it. */
    public static final String MONEY_SUBJECT = "highwater.demo.Money";
    /** How the payment schema imports {@code Money}: the reference's name. */
    public static final String MONEY_IMPORT = "highwater/demo/money.proto";
    public static final int PAYMENT_VERSIONS = 3;
    public static final int ACCOUNT_VERSIONS = 2;

    public static final String MONEY = """
            syntax = "proto3";
            package highwater.demo;

            // An exact amount: a decimal string, never a float.
            message Money {
              string amount = 1;
              string currency = 2;
            }
            """;

    private static final String PAYMENT_HEAD = """
            syntax = "proto3";
            package highwater.demo;

            import "highwater/demo/money.proto";

            // A payment between two accounts, as the payments service writes it.
            message Payment {
              string id = 1;
              string from_account = 2;
              string to_account = 3;
              Money amount = 4;
            """;

    private static final String REFUND = """

            // A payment given back, in part or in full.
            message Refund {
              string payment_id = 1;
              Money amount = 2;
              string reason = 3;
            }
            """;

    private static final String ACCOUNT_V1 = """
            {"type": "record", "name": "Account", "namespace": "highwater.demo",
             "doc": "An account as the accounts service publishes it.",
             "fields": [
               {"name": "id", "type": "string"},
               {"name": "owner", "type": "string"},
               {"name": "balance", "type": {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 2}}
             ]}
            """;

    private static final String ACCOUNT_V2 = """
            {"type": "record", "name": "Account", "namespace": "highwater.demo",
             "doc": "An account as the accounts service publishes it.",
             "fields": [
               {"name": "id", "type": "string"},
               {"name": "owner", "type": "string"},
               {"name": "balance", "type": {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 2}},
               {"name": "status", "type": "string", "default": "open"}
             ]}
            """;

    private static final Schema AVRO_V1 = new Schema.Parser().parse(ACCOUNT_V1);
    private static final Schema AVRO_V2 = new Schema.Parser().parse(ACCOUNT_V2);
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private RegistryDemoSchemas() {
    }

    /** The payment schema's text at a version, 1 to {@value #PAYMENT_VERSIONS}. */
    public static String payments(int version) {
        String fields = switch (version) {
            case 1 -> "  string memo = 5;\n";
            case 2 -> "  string memo = 5;\n  string channel = 6;\n";
            case 3 -> "  reserved 5;\n  reserved \"memo\";\n  string channel = 6;\n";
            default -> throw new IllegalArgumentException("no payment schema v" + version);
        };
        return PAYMENT_HEAD + fields + "}\n" + REFUND;
    }

    /** The account schema's text (Avro) at a version, 1 or 2. */
    public static String accounts(int version) {
        avro(version); // says which versions there are
        return version == 1 ? ACCOUNT_V1 : ACCOUNT_V2;
    }

    private static Schema avro(int version) {
        return switch (version) {
            case 1 -> AVRO_V1;
            case 2 -> AVRO_V2;
            default -> throw new IllegalArgumentException("no account schema v" + version);
        };
    }

    /**
     * A framed {@code Payment} (message index [0]) as schema v{@code version} writes it: v1 and v2 write the memo,
     * v2 and v3 the channel.
     */
    public static byte[] payment(int schemaId, int version, String id, String from, String to, BigDecimal amount,
                                 String currency, String memo, String channel) {
        return protobuf(schemaId, new byte[] {0}, out -> {
            out.writeString(1, id);
            out.writeString(2, from);
            out.writeString(3, to);
            out.writeByteArray(4, money(amount, currency)); // an embedded message is length-delimited bytes
            if (version < 3) {
                out.writeString(5, memo);
            }
            if (version >= 2) {
                out.writeString(6, channel);
            }
        });
    }

    /** A framed {@code Refund}: the file's second message, so its message indexes are [1]. */
    public static byte[] refund(int schemaId, String paymentId, BigDecimal amount, String currency, String reason) {
        // the indexes as Confluent's serializer writes them: the count, then each index, all zig-zag varints
        return protobuf(schemaId, new byte[] {2, 2}, out -> {
            out.writeString(1, paymentId);
            out.writeByteArray(2, money(amount, currency));
            out.writeString(3, reason);
        });
    }

    /** A framed account, Avro binary, as schema v{@code version} writes it (v2 adds the status). */
    public static byte[] account(int schemaId, int version, String id, String owner, BigDecimal balance,
                                 String status) {
        Schema schema = avro(version);
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", id);
        record.put("owner", owner);
        Schema balanceType = schema.getField("balance").schema();
        ByteBuffer unscaled = DECIMALS.toBytes(balance.setScale(2), balanceType, LogicalTypes.decimal(18, 2));
        record.put("balance", unscaled);
        if (version >= 2) {
            record.put("status", status);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        header(bytes, schemaId);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: does not happen
        }
        return bytes.toByteArray();
    }

    private static byte[] money(BigDecimal amount, String currency) {
        return message(out -> {
            out.writeString(1, amount.toPlainString());
            out.writeString(2, currency);
        });
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] protobuf(int schemaId, byte[] messageIndexes, Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        header(bytes, schemaId);
        bytes.writeBytes(messageIndexes);
        bytes.writeBytes(message(fields));
        return bytes.toByteArray();
    }

    private static byte[] message(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: does not happen
        }
        return bytes.toByteArray();
    }

    private static void header(ByteArrayOutputStream bytes, int schemaId) {
        bytes.write(0);
        bytes.write(schemaId >>> 24);
        bytes.write(schemaId >>> 16);
        bytes.write(schemaId >>> 8);
        bytes.write(schemaId);
    }
}
