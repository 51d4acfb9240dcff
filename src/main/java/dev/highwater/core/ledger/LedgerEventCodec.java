package dev.highwater.core.ledger;

import dev.highwater.core.text.JsonWriter;
import dev.highwater.proto.ledger.EventType;

import java.nio.charset.StandardCharsets;

/**
 * Writes ledger events in the two shapes producers use on a ledger topic: the {@code ledger.LedgerEvent}
 * Protobuf message, and the JSON object
 * {@code {"eventType":…,"eventId":…,"accountId":…,"amount":"100.50","reference":…,"timestamp":…}}; and reads
 * either back ({@link LedgerDecoder} is the allocation-free form the replay uses).
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

    /** What a record's value is: an event, or why it is not one. */
    public sealed interface Decoded {
        record Event(LedgerEvent event) implements Decoded {
        }

        /** @param unknownType true for a well-formed event of a type that is neither credit nor debit */
        record NotAnEvent(boolean unknownType, String reason) implements Decoded {
        }
    }

    /** Reads a value in either shape; never guesses at one that fits neither. */
    public static Decoded decode(byte[] value) {
        LedgerDecoder d = new LedgerDecoder();
        return switch (d.decode(value)) {
            case EVENT -> new Decoded.Event(d.event());
            case UNKNOWN_TYPE -> new Decoded.NotAnEvent(true, d.reason());
            case UNDECODABLE -> new Decoded.NotAnEvent(false, d.reason());
        };
    }

    public static byte[] toJson(LedgerEvent e) {
        return new JsonWriter().beginObject()
                .name("eventType").value(e.type().name())
                .name("eventId").value(e.eventId())
                .name("accountId").value(e.accountId())
                .name("amount").value(e.amount().toPlainString())
                .name("reference").value(e.reference())
                .name("timestamp").value(e.timestamp())
                .endObject().toString().getBytes(StandardCharsets.UTF_8);
    }
}
