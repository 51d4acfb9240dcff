package dev.highwater.core.decode;

import com.google.protobuf.ByteString;
import dev.highwater.core.ledger.LedgerEvent;
import dev.highwater.core.ledger.LedgerEventCodec;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.proto.blockchain.Transaction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the Messages screen shows of a value: the summary starts with what identifies the record, values are
 * read as people read them (enums and codes by name, epoch milliseconds as instants, bytes in hex), and the
 * command line's JSON keeps its proto3 form.
 */
class RecordHeadlineTest {

    private static final TypeSet TYPES = TypeSet.of(SchemaCatalog.withBuiltIn());
    private static final RecordDecoder AUTO = new RecordDecoder(TYPES, DecoderChoice.AUTO, Map.of(), false);
    private static final String EVENT_ID = "9f2c".repeat(16); // 64 characters, as the demo's ids are
    private static final long AT = 1_796_653_103_123L; // 2026-12-07T14:18:23.123Z
    private static final byte[] HASH = {(byte) 0xab, 0x01, 0x00, (byte) 0xff, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60,
            0x70, (byte) 0x80, (byte) 0x90, (byte) 0xa0, (byte) 0xb0, (byte) 0xc0, (byte) 0xd0, (byte) 0xe0};

    private static DecodedRecord record(byte[] value) {
        Decoding none = Decoding.ok(Format.NULL, null, 0, -1, null, "null");
        return new DecodedRecord(new RawRecord("t", 0, 0, AT, null, value, List.of()), none,
                AUTO.decode("t", value, null));
    }

    private static DecodedRecord transaction() {
        return record(Transaction.newBuilder().setHash(ByteString.copyFrom(HASH)).setBlockHeight(42)
                .setSender("acct-aggregator-7").setRecipient("acct-0002").setAmount("100.50").setStatus(1)
                .setTimestamp(AT).build().toByteArray());
    }

    private static DecodedRecord ledgerEvent() {
        return record(LedgerEventCodec.toProtobuf(new LedgerEvent(EVENT_ID, "acct-0007",
                LedgerEvent.Type.ACCOUNT_DEBITED, new BigDecimal("25.00"), "tx-9", AT)));
    }

    @Test
    void aPaymentStartsWithSenderRecipientAndAmountAndReadsItsCodesTimesAndHash() {
        DecodedRecord tx = transaction();
        assertEquals("blockchain.Transaction", tx.typeLabel());
        String line = tx.headline();
        assertTrue(line.startsWith("acct-aggregator-7 → acct-0002 100.50 · "), line);
        assertTrue(line.contains("status=CONFIRMED"), line);
        assertTrue(line.contains("timestamp=2026-12-07T14:18:23.123Z"), line);
        assertTrue(line.contains("block_height=42"), line);
        assertTrue(line.endsWith("hash=ab0100ff102030405060708090a0b0c0…"), "the hash in hex, last: " + line);
    }

    @Test
    void aLedgerEventStartsWithTypeAccountAndAmountAndItsLongIdComesLast() {
        DecodedRecord ev = ledgerEvent();
        assertEquals("ledger.LedgerEvent", ev.typeLabel());
        String line = ev.headline();
        assertTrue(line.startsWith("ACCOUNT_DEBITED acct-0007 25.00 · reference=tx-9"), line);
        assertTrue(line.contains("timestamp=2026-12-07T14:18:23.123Z"), line);
        assertTrue(line.indexOf("event_id=") > line.indexOf("timestamp="), "the 64-character id last: " + line);

        DecodedRecord json = record(LedgerEventCodec.toJson(new LedgerEvent(EVENT_ID, "acct-0009",
                LedgerEvent.Type.ACCOUNT_CREDITED, new BigDecimal("3.00"), "tx-3", AT)));
        assertEquals(Format.JSON, json.value().format());
        assertTrue(json.headline().startsWith("ACCOUNT_CREDITED acct-0009 3.00 · "), json.headline());
        assertTrue(json.headline().contains("timestamp=2026-12-07T14:18:23.123Z"), json.headline());
    }

    @Test
    void theDetailTreeShowsEnumsCodesTimesAndBytesAsPeopleReadThem() throws Exception {
        RecordRendering rendering = new RecordRendering(TYPES);
        DecodedRecord tx = transaction();
        List<String> leaves = rendering.tree(tx, null).children().stream().map(JsonTree::label).toList();
        assertTrue(leaves.contains("status: CONFIRMED (1)"), leaves.toString());
        assertTrue(leaves.contains("timestamp: 2026-12-07T14:18:23.123Z (" + AT + ")"), leaves.toString());
        assertTrue(leaves.contains("hash: ab0100ff102030405060708090a0b0c0d0e0"), leaves.toString());
        assertTrue(leaves.contains("blockHeight: 42"), "a height is not a time: " + leaves);
        assertTrue(leaves.contains("sender: \"acct-aggregator-7\""), leaves.toString());

        DecodedRecord ev = ledgerEvent();
        List<String> evLeaves = rendering.tree(ev, null).children().stream().map(JsonTree::label).toList();
        assertTrue(evLeaves.contains("eventType: ACCOUNT_DEBITED"), evLeaves.toString());
        DecodedRecord json = record(LedgerEventCodec.toJson(new LedgerEvent(EVENT_ID, "acct-0009",
                LedgerEvent.Type.ACCOUNT_CREDITED, new BigDecimal("3.00"), "tx-3", AT)));
        List<String> jsonLeaves = rendering.tree(json, rendering.valueJson(json, false)).children().stream()
                .map(JsonTree::label).toList();
        assertTrue(jsonLeaves.contains("timestamp: 2026-12-07T14:18:23.123Z (" + AT + ")"), jsonLeaves.toString());

        // the command line's and the export's JSON keep the proto3 form: base64 bytes, int64 as a string
        String line = rendering.jsonLine(tx);
        assertTrue(line.contains("\"hash\":\"qwEA/xAgMEBQYHCAkKCwwNDg\""), line);
        assertTrue(line.contains("\"status\":1"), line);
        assertTrue(line.contains("\"timestamp\":\"" + AT + "\""), line);
        assertTrue(tx.summary().startsWith("block_height=42  sender=acct-aggregator-7"), "the text lines' summary is unchanged: " + tx.summary());
    }

    @Test
    void aNarrowHexDumpKeepsItsAsciiColumn() {
        byte[] bytes = "payment acct-0002 100.50".getBytes();
        String narrow = HexDump.dump(bytes, 1024, 8);
        assertEquals("00000000  70 61 79 6d 65 6e 74 20  |payment |", narrow.lines().findFirst().orElseThrow());
        assertEquals(3, narrow.lines().count());
        assertEquals(HexDump.dump(bytes, 1024), HexDump.dump(bytes, 1024, 16));
    }
}
