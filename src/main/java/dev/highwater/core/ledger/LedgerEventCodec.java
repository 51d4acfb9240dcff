package dev.highwater.core.ledger;

import dev.highwater.proto.ledger.EventType;

import java.nio.charset.StandardCharsets;

/**
 * Writes ledger events in the two shapes producers use on a ledger topic: the {@code ledger.LedgerEvent}
 * Protobuf message, and the JSON object
 * {@code {"eventType":…,"eventId":…,"accountId":…,"amount":"100.50","reference":…,"timestamp":…}}.
 */
public final class LedgerEventCodec {

    private LedgerEventCodec() {
    }

    public static byte[] toProtobuf(LedgerEvent e) {
        return dev.highwater.proto.ledger.LedgerEvent.newBuilder()
                .setEventId(e.eventId())
                .setAccountId(e.accountId())
                .setEventType(e.type() == LedgerEvent.Type.ACCOUNT_CREDITED
                        ? EventType.ACCOUNT_CREDITED : EventType.ACCOUNT_DEBITED)
                .setAmount(e.amount().toPlainString())
                .setReference(e.reference())
                .setTimestamp(e.timestamp())
                .build()
                .toByteArray();
    }

    public static byte[] toJson(LedgerEvent e) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"eventType\":\"").append(e.type().name()).append('"');
        sb.append(",\"eventId\":");
        appendString(sb, e.eventId());
        sb.append(",\"accountId\":");
        appendString(sb, e.accountId());
        sb.append(",\"amount\":\"").append(e.amount().toPlainString()).append('"');
        sb.append(",\"reference\":");
        appendString(sb, e.reference());
        sb.append(",\"timestamp\":").append(e.timestamp()).append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
