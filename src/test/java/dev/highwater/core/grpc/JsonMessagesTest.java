package dev.highwater.core.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.Transaction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonMessagesTest {

    private static final Descriptor BLOCK = Block.getDescriptor();
    private static final Descriptor TX = Transaction.getDescriptor();

    @Test
    void parsesAndPrintsInProtobufsJsonMapping() {
        var m = JsonMessages.parse("{\"sender\":\"acct-1\",\"amount\":\"10.00\",\"block_height\":5}", TX);

        assertEquals("{\"blockHeight\":\"5\",\"sender\":\"acct-1\",\"amount\":\"10.00\"}", JsonMessages.compact(m));
    }

    @Test
    void anUnknownFieldIsNamedWithTheFieldsThereAre() {
        RequestJsonException e = assertThrows(RequestJsonException.class,
                () -> JsonMessages.parse("{\"sender\":\"a\",\"amonut\":\"1\"}", TX));

        assertEquals("amonut", e.field());
        assertEquals("field amonut: blockchain.Transaction has no such field (its fields: hash, blockHeight, sender, "
                + "recipient, amount, status, timestamp).", e.getMessage());
    }

    @Test
    void aWrongValueDeepInsideIsNamedByItsPath() {
        RequestJsonException e = assertThrows(RequestJsonException.class, () -> JsonMessages.parse(
                "{\"height\":1,\"transactions\":[{\"sender\":\"a\"},{\"timestamp\":\"yesterday\"}]}", BLOCK));

        assertEquals("transactions[1].timestamp", e.field());
        assertTrue(e.getMessage().startsWith("field transactions[1].timestamp (int64): "), e.getMessage());
    }

    @Test
    void textThatIsNotJsonIsSaidSo() {
        RequestJsonException e = assertThrows(RequestJsonException.class, () -> JsonMessages.parse("{\"height\":", BLOCK));

        assertNull(e.field());
        assertTrue(e.getMessage().startsWith("The request is not valid JSON"), e.getMessage());
    }

    @Test
    void anArrayIsNotARequest() {
        RequestJsonException e = assertThrows(RequestJsonException.class, () -> JsonMessages.parse("[1]", BLOCK));

        assertEquals("The request must be a JSON object (blockchain.Block), not an array.", e.getMessage());
    }

    @Test
    void blankIsTheEmptyMessage() {
        assertEquals("{}", JsonMessages.compact(JsonMessages.parse("  ", BLOCK)));
    }

    @Test
    void severalObjectsAreSplitAsJsonLinesAndABadOneIsNumbered() {
        assertEquals(2, JsonMessages.parseAll("{\"sender\":\"a}\"}\n\n{\"sender\":\"b\"}\n", TX).size());

        RequestJsonException e = assertThrows(RequestJsonException.class,
                () -> JsonMessages.parseAll("{\"sender\":\"a\"}\n{\"status\":\"x\"}", TX));
        assertTrue(e.getMessage().startsWith("message 2: field status (int32): "), e.getMessage());
    }

    @Test
    void objectsSeparatedByCommasAreSeveralMessages() {
        assertEquals(3, JsonMessages.parseAll("{\"sender\":\"a\"},\n{\"sender\":\"b\"}, {\"sender\":\"c,}\"}", TX)
                .size());
    }

    @Test
    void aCommaAfterTheLastObjectIsNotAnotherMessage() {
        assertEquals(2, JsonMessages.parseAll("{\"sender\":\"a\"},\n{\"sender\":\"b\"},\n", TX).size());
    }

    @Test
    void anUnclosedObjectIsNumberedAndSaidNotToBeJson() {
        RequestJsonException e = assertThrows(RequestJsonException.class,
                () -> JsonMessages.parseAll("{\"sender\":\"a\"}\n{\"sender\":", TX));

        assertNull(e.field());
        assertTrue(e.getMessage().startsWith("message 2: The request is not valid JSON: "), e.getMessage());
    }

    @Test
    void aStrayValueBetweenObjectsIsNamed() {
        RequestJsonException e = assertThrows(RequestJsonException.class,
                () -> JsonMessages.parseAll("{\"sender\":\"a\"}\n[1]\n", TX));

        assertEquals("message 2: The request must be a JSON object (blockchain.Transaction), not an array.",
                e.getMessage());
    }
}
