package dev.highwater.core.decode;

import com.google.protobuf.ByteString;
import dev.highwater.core.ledger.LedgerEvent;
import dev.highwater.core.ledger.LedgerEventCodec;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.proto.blockchain.Transaction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordDecoderTest {

    private static final TypeSet TYPES = TypeSet.of(SchemaCatalog.withBuiltIn());
    private static final byte[] TX_HEADER = "application/x-protobuf; messageType=blockchain.Transaction"
            .getBytes(StandardCharsets.UTF_8);

    static byte[] transaction(String sender, String amount) {
        return Transaction.newBuilder().setHash(ByteString.copyFrom(new byte[] {1, 2, 3, (byte) 0xff}))
                .setBlockHeight(42).setSender(sender).setRecipient("acct-0002").setAmount(amount).setStatus(1)
                .setTimestamp(1_710_492_000_000L).build().toByteArray();
    }

    static byte[] ledger() {
        return LedgerEventCodec.toProtobuf(new LedgerEvent("ev-1", "acct-0001", LedgerEvent.Type.ACCOUNT_DEBITED,
                new BigDecimal("100.50"), "tx-1", 1_710_492_000_000L));
    }

    static byte[] ledgerJson() {
        return LedgerEventCodec.toJson(new LedgerEvent("ev-2", "acct-0001", LedgerEvent.Type.ACCOUNT_CREDITED,
                new BigDecimal("7.25"), "tx-2", 1_710_492_000_000L));
    }

    private final RecordDecoder auto = new RecordDecoder(TYPES, DecoderChoice.AUTO, Map.of(), false);

    @Test
    void theContentTypeHeaderNamesTheType() {
        Decoding d = auto.decode("transactions", transaction("acct-aggregator-7", "12.50"), TX_HEADER);
        assertFalse(d.failed(), d.error());
        assertEquals(Format.PROTOBUF, d.format());
        assertEquals("blockchain.Transaction", d.typeName());
    }

    @Test
    void withoutAHeaderTheBestFittingLoadedTypeIsFound() {
        Decoding tx = auto.decode("t1", transaction("acct-1", "1.00"), null);
        assertEquals("blockchain.Transaction", tx.typeName(), String.valueOf(tx.error()));
        Decoding ev = auto.decode("t2", ledger(), null);
        assertEquals("ledger.LedgerEvent", ev.typeName(), String.valueOf(ev.error()));
    }

    @Test
    void jsonTextAndTombstonesAreRecognised() {
        assertEquals(Format.JSON, auto.decode("l", ledgerJson(), "application/json".getBytes()).format());
        assertEquals(Format.JSON, auto.decode("l", ledgerJson(), null).format());
        assertEquals(Format.TEXT, auto.decode("l", "hello, world".getBytes(), null).format());
        assertEquals(Format.NULL, auto.decode("l", null, null).format());
    }

    @Test
    void poisonPillsSayWhichDecoderFailedAndWhy() {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x07, 0x01, (byte) 0x80};
        Decoding g = auto.decode("transactions", garbage, null);
        assertTrue(g.failed());
        assertTrue(g.error().contains("nothing reads"), g.error());

        byte[] tx = transaction("acct-1", "5.00");
        Decoding truncated = auto.decode("transactions", Arrays.copyOf(tx, tx.length - 4), TX_HEADER);
        assertTrue(truncated.failed());
        assertTrue(truncated.error().startsWith("truncated"), truncated.error());
        assertTrue(truncated.decoder().contains("blockchain.Transaction"), truncated.decoder());

        Decoding badJson = auto.decode("l", "{\"a\": ".getBytes(), "application/json".getBytes());
        assertTrue(badJson.failed());
        assertTrue(badJson.error().startsWith("JSON"), badJson.error());
    }

    @Test
    void registryFramingShowsTheSchemaIdAndDecodesThePayload() {
        byte[] payload = transaction("acme", "250.00");
        byte[] framed = new byte[payload.length + 6];
        framed[4] = 7; // schema id 7
        framed[5] = 0; // message indexes [0]
        System.arraycopy(payload, 0, framed, 6, payload.length);

        Decoding unknown = auto.decode("reg", framed, null);
        assertTrue(unknown.failed());
        assertEquals(7, unknown.schemaId());
        assertTrue(unknown.error().contains("schema id 7 is unknown"), unknown.error());

        RecordDecoder mapped = new RecordDecoder(TYPES, DecoderChoice.AUTO, Map.of(7, "blockchain.Transaction"), false);
        Decoding d = mapped.decode("reg", framed, null);
        assertFalse(d.failed(), d.error());
        assertEquals(Format.REGISTRY_PROTOBUF, d.format());
        assertEquals(6, d.payloadOffset());

        RecordDecoder pinned = new RecordDecoder(TYPES, DecoderChoice.protobuf("blockchain.Transaction"), Map.of(),
                false);
        Decoding p = pinned.decode("reg", framed, null);
        assertEquals(7, p.schemaId());
        assertFalse(p.failed());
        DecodedRecord row = new DecodedRecord(raw(framed), Decoding.ok(Format.NULL, null, 0, -1, null, "null"), p);
        assertTrue(row.summary().contains("[schema 7]") && row.summary().contains("sender=acme"), row.summary());
    }

    @Test
    void aPinnedTypeThatDoesNotExistIsRefusedWithSuggestions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RecordDecoder(TYPES, DecoderChoice.protobuf("blockchain.Transactoin"), Map.of(), false));
        assertTrue(e.getMessage().contains("not among the loaded types"), e.getMessage());
    }

    @Test
    void filterFieldsArePickedWhileReading() {
        auto.wantFields(List.of("sender", "amount", "status"));
        Decoding d = auto.decode("transactions", transaction("acme", "250.00"), TX_HEADER);
        assertEquals(List.of("acme", "250.00", 1L), Arrays.asList(d.fields()));
        Decoding j = auto.decode("l", "{\"sender\":\"x\",\"amount\":3}".getBytes(), null);
        assertEquals("x", j.fields()[0]);
        assertEquals(new BigDecimal("3"), j.fields()[1]);
        assertNull(j.fields()[2]);
    }

    @Test
    void aHugeRecordIsKeptAndItsDumpSaysWhatItLeavesOut() {
        byte[] huge = new byte[5_000_000];
        Arrays.fill(huge, (byte) 'x');
        DecodedRecord row = new DecodedRecord(raw(huge), Decoding.ok(Format.NULL, null, 0, -1, null, "null"),
                auto.decode("big", huge, null));
        assertEquals(DecodedRecord.SUMMARY_LIMIT + 1, row.summary().length());
        String dump = HexDump.dump(huge, 4096);
        assertTrue(dump.contains("4,995,904 more bytes not shown"), dump.substring(dump.length() - 100));
    }

    @Test
    void theJsonLineFollowsTheContract() {
        RecordDecoder keys = new RecordDecoder(TYPES, DecoderChoice.AUTO, Map.of(), true);
        byte[] value = transaction("acme", "250.00");
        RawRecord raw = new RawRecord("transactions", 3, 17, 1_710_492_000_000L, "acme".getBytes(), value, List.of());
        DecodedRecord ok = new DecodedRecord(raw, keys.decode("transactions", raw.key(), null),
                auto.decode("transactions", value, TX_HEADER));
        String line = new RecordRendering(TYPES).jsonLine(ok);
        assertTrue(line.startsWith("{\"topic\":\"transactions\",\"partition\":3,\"offset\":17,"
                + "\"timestamp\":\"2024-03-15T08:40:00Z\",\"key\":\"acme\",\"format\":\"protobuf\","
                + "\"type\":\"blockchain.Transaction\",\"value\":{"), line);
        assertTrue(line.contains("\"sender\":\"acme\""), line);

        RawRecord bad = new RawRecord("transactions", 3, 18, 0, null, new byte[] {(byte) 0xff, 0x07}, List.of());
        DecodedRecord pill = new DecodedRecord(bad, keys.decode("transactions", null, null),
                auto.decode("transactions", bad.value(), null));
        String pillLine = new RecordRendering(TYPES).jsonLine(pill);
        assertTrue(pillLine.contains("\"error\":") && pillLine.endsWith("\"hex\":\"ff07\"}"), pillLine);
        assertFalse(pillLine.contains("\"value\""), pillLine);
    }

    private static RawRecord raw(byte[] value) {
        return new RawRecord("t", 0, 0, 0, null, value, List.of());
    }
}
