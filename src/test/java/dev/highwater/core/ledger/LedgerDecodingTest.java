package dev.highwater.core.ledger;

import dev.highwater.proto.ledger.EventType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both shapes read back exactly; anything else is named, never guessed at. */
class LedgerDecodingTest {

    private final LedgerEvent credit = new LedgerEvent("e-1", "acct-ü\"7\"", LedgerEvent.Type.ACCOUNT_CREDITED,
            new BigDecimal("123456789012345678901234.000001"), "tx, \"ab\"", 1_710_492_000_000L);

    private static LedgerEventCodec.Decoded decode(String json) {
        return LedgerEventCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String reasonOf(LedgerEventCodec.Decoded d) {
        return assertInstanceOf(LedgerEventCodec.Decoded.NotAnEvent.class, d).reason();
    }

    @Test
    void bothShapesReadBackExactly() {
        for (byte[] bytes : new byte[][] {LedgerEventCodec.toProtobuf(credit), LedgerEventCodec.toJson(credit)}) {
            assertEquals(credit, assertInstanceOf(LedgerEventCodec.Decoded.Event.class,
                    LedgerEventCodec.decode(bytes)).event());
        }
    }

    @Test
    void jsonAmountsMayBeNumbersAndFieldsComeInAnyOrderWithExtras() {
        LedgerEvent e = assertInstanceOf(LedgerEventCodec.Decoded.Event.class, decode(
                " {\"timestamp\":5,\"extra\":{\"a\":[1,\"}\"]},\"amount\":100.50,\"accountId\":\"a\\u00e9\","
                        + "\"eventType\":\"ACCOUNT_DEBITED\",\"eventId\":\"x\",\"reference\":null}\n")).event();
        assertEquals(new BigDecimal("100.50"), e.amount());
        assertEquals("aé", e.accountId());
        assertEquals(LedgerEvent.Type.ACCOUNT_DEBITED, e.type());
        assertEquals(5, e.timestamp());
    }

    @Test
    void anAmountThatIsNotANumberIsNamed() {
        assertEquals("amount 'ten' is not " + Amount.ACCEPTED, reasonOf(decode(
                "{\"eventType\":\"ACCOUNT_CREDITED\",\"eventId\":\"x\",\"accountId\":\"a\",\"amount\":\"ten\","
                        + "\"timestamp\":1}")));
        byte[] proto = dev.highwater.proto.ledger.LedgerEvent.newBuilder().setEventId("x").setAccountId("a")
                .setEventType(EventType.ACCOUNT_DEBITED).setAmount("1.2.3").build().toByteArray();
        assertEquals("amount '1.2.3' is not " + Amount.ACCEPTED, reasonOf(LedgerEventCodec.decode(proto)));
    }

    @Test
    void unknownTypesAreToldFromGarbage() {
        var json = assertInstanceOf(LedgerEventCodec.Decoded.NotAnEvent.class, decode(
                "{\"eventType\":\"ACCOUNT_FROZEN\",\"eventId\":\"x\",\"accountId\":\"a\",\"amount\":\"1\","
                        + "\"timestamp\":1}"));
        assertTrue(json.unknownType());
        byte[] proto = dev.highwater.proto.ledger.LedgerEvent.newBuilder().setEventId("x").setAccountId("a")
                .setAmount("1").build().toByteArray();
        var unspecified = assertInstanceOf(LedgerEventCodec.Decoded.NotAnEvent.class, LedgerEventCodec.decode(proto));
        assertTrue(unspecified.unknownType());
        assertEquals("event type unspecified", unspecified.reason());
        var garbage = assertInstanceOf(LedgerEventCodec.Decoded.NotAnEvent.class,
                LedgerEventCodec.decode(new byte[] {(byte) 0xFF, 1, 2}));
        assertTrue(!garbage.unknownType() && garbage.reason().startsWith("not a ledger event"), garbage.reason());
    }

    @Test
    void aTransactionIsNotALedgerEvent() {
        byte[] tx = dev.highwater.proto.blockchain.Transaction.newBuilder().setSender("a").setRecipient("b")
                .setAmount("1").setBlockHeight(7).setTimestamp(1).build().toByteArray();
        var d = assertInstanceOf(LedgerEventCodec.Decoded.NotAnEvent.class, LedgerEventCodec.decode(tx));
        assertTrue(!d.unknownType(), d.reason());
    }

    @Test
    void brokenJsonIsUndecodable() {
        for (String bad : new String[] {"{", "{\"eventId\":", "{\"a\":1} x", "{\"eventId\":\"\\uZZZZ\"}", "{'a':1}"}) {
            var d = assertInstanceOf(LedgerEventCodec.Decoded.NotAnEvent.class, decode(bad), bad);
            assertTrue(!d.unknownType(), bad);
        }
    }

    @Test
    void instantsAcceptIsoForms() {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2024-03-15T09:00:00Z"),
                java.time.ZoneOffset.UTC);
        java.time.Instant nine = java.time.Instant.parse("2024-03-15T09:00:00Z");
        assertEquals(nine, AuditInstant.parse("2024-03-15T09:00:00Z", clock));
        assertEquals(nine, AuditInstant.parse("2024-03-15T10:00:00+01:00", clock));
        assertEquals(nine, AuditInstant.parse("2024-03-15T10:00[Europe/Paris]", clock));
        assertEquals(nine, AuditInstant.parse("2024-03-15T10:00 Europe/Paris", clock));
        assertEquals(nine, AuditInstant.parse("now", clock));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AuditInstant.parse("15/03/2024", clock));
        assertTrue(e.getMessage().contains("2024-03-15T09:00:00Z"), e.getMessage());
    }
}
