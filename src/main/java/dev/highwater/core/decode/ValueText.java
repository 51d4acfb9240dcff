package dev.highwater.core.decode;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Field values as the screens show them, apart from the JSON the command line and exports print (proto3 JSON,
 * whose form is a contract): enums by name, bytes in lower-case hex without separators (what the Blocks lookup
 * takes), and a number that holds epoch milliseconds as its ISO instant.
 */
public final class ValueText {

    /**
     * Integer fields the wire contract documents as codes (proto/transaction.proto: "0 pending, 1 confirmed,
     * 2 failed"); the type keeps them as int32 for its clients, so their names live here.
     */
    private static final Map<String, List<String>> CODES = Map.of(
            "blockchain.Transaction.status", List.of("PENDING", "CONFIRMED", "FAILED"));

    /** 2001-09-09 to 2100-01-01: numbers of a time-like field in this range are taken as epoch milliseconds. */
    private static final long EPOCH_MILLIS_FROM = 1_000_000_000_000L;
    private static final long EPOCH_MILLIS_TO = 4_102_444_800_000L;

    private ValueText() {
    }

    /** True for a field name that says it holds a time ("timestamp", "created_at", "sentAt", "time_ms"). */
    static boolean timeLike(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("time") || n.contains("date") || n.endsWith("_at") || name.endsWith("At")
                || n.endsWith("_ms") || n.endsWith("millis");
    }

    /** The ISO instant of a time-like field's number that is plausibly epoch milliseconds, or null. */
    static String instant(String name, long v) {
        return timeLike(name) && v >= EPOCH_MILLIS_FROM && v < EPOCH_MILLIS_TO ? Instant.ofEpochMilli(v).toString()
                : null;
    }

    /** The name a documented code has, or null. */
    static String code(FieldDescriptor f, long v) {
        List<String> names = CODES.get(f.getFullName());
        return names != null && v >= 0 && v < names.size() ? names.get((int) v) : null;
    }

    /**
     * One scalar value of a Protobuf field in full, as the detail pane shows it: a string quoted, an enum by its
     * name, bytes in hex, a documented code by its name then its number, epoch milliseconds as the instant then
     * the number.
     */
    public static String protobuf(FieldDescriptor f, Object v) {
        return switch (f.getJavaType()) {
            case STRING -> new com.google.gson.JsonPrimitive((String) v).toString();
            case ENUM -> v instanceof EnumValueDescriptor e ? e.getName() : String.valueOf(v);
            case BYTE_STRING -> HexDump.hex(((ByteString) v).toByteArray(), Integer.MAX_VALUE);
            case INT, LONG -> number(f, ((Number) v).longValue());
            default -> String.valueOf(v);
        };
    }

    private static String number(FieldDescriptor f, long v) {
        String code = code(f, v);
        if (code != null) {
            return code + " (" + v + ")";
        }
        String at = instant(f.getName(), v);
        return at == null ? Long.toString(v) : at + " (" + v + ")";
    }

    /**
     * A value the one-line scanner picked (enums already named, bytes already hex) as a summary shows it: a
     * documented code by its name, epoch milliseconds as the instant alone.
     */
    static String brief(FieldDescriptor f, Object v) {
        if (v instanceof Long n && (f.getJavaType() == FieldDescriptor.JavaType.INT
                || f.getJavaType() == FieldDescriptor.JavaType.LONG)) {
            String code = code(f, n);
            if (code != null) {
                return code;
            }
            String at = instant(f.getName(), n);
            return at == null ? Long.toString(n) : at;
        }
        return String.valueOf(v);
    }
}
