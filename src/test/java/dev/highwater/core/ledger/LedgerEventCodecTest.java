package dev.highwater.core.ledger;

import dev.highwater.proto.ledger.EventType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LedgerEventCodecTest {

    private final LedgerEvent debit = new LedgerEvent("e-1", "acct-\"7\"", LedgerEvent.Type.ACCOUNT_DEBITED,
            new BigDecimal("100.50"), "tx ab", 1_710_492_000_000L);

    @Test
    void jsonHasTheShapeProducersUseWithTheAmountAsAnExactString() {
        assertEquals("{\"eventType\":\"ACCOUNT_DEBITED\",\"eventId\":\"e-1\",\"accountId\":\"acct-\\\"7\\\"\","
                        + "\"amount\":\"100.50\",\"reference\":\"tx ab\",\"timestamp\":1710492000000}",
                new String(LedgerEventCodec.toJson(debit), StandardCharsets.UTF_8));
    }

    @Test
    void protobufIsTheLedgerEventMessage() throws Exception {
        var parsed = dev.highwater.proto.ledger.LedgerEvent.parseFrom(LedgerEventCodec.toProtobuf(debit));
        assertEquals(EventType.ACCOUNT_DEBITED, parsed.getEventType());
        assertEquals("100.50", parsed.getAmount());
        assertEquals("acct-\"7\"", parsed.getAccountId());
        assertEquals(1_710_492_000_000L, parsed.getTimestamp());
    }

    @Test
    void aDebitTakesAndACreditGives() {
        assertEquals(new BigDecimal("-100.50"), debit.signedAmount());
        assertEquals(new BigDecimal("0.01"), new LedgerEvent("e", "a", LedgerEvent.Type.ACCOUNT_CREDITED,
                new BigDecimal("0.01"), null, 0).signedAmount());
    }
}
