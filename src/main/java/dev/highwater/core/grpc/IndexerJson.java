package dev.highwater.core.grpc;

import dev.highwater.core.indexer.ChainHashing;
import dev.highwater.core.text.JsonWriter;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.Transaction;

/**
 * The indexer's blocks and transactions as the command line prints them: hashes in hex (as users paste them),
 * amounts as decimal strings, status by name, timestamps in epoch millis as on the wire.
 */
public final class IndexerJson {

    private IndexerJson() {
    }

    public static String block(Block b) {
        JsonWriter w = new JsonWriter().beginObject()
                .name("height").value(b.getHeight())
                .name("hash").value(ChainHashing.hex(b.getHash()))
                .name("timestamp").value(b.getTimestamp())
                .name("transactionCount").value((long) b.getTransactionsCount())
                .name("transactions").beginArray();
        b.getTransactionsList().forEach(t -> transaction(w, t));
        return w.endArray().endObject().toString();
    }

    public static String transaction(Transaction t) {
        return transaction(new JsonWriter(), t).toString();
    }

    /** The status code's name: 0 pending, 1 confirmed, 2 failed (another number is shown as it is). */
    public static String status(int status) {
        return switch (status) {
            case 0 -> "PENDING";
            case 1 -> "CONFIRMED";
            case 2 -> "FAILED";
            default -> "STATUS_" + status;
        };
    }

    private static JsonWriter transaction(JsonWriter w, Transaction t) {
        return w.beginObject()
                .name("hash").value(ChainHashing.hex(t.getHash()))
                .name("blockHeight").value(t.getBlockHeight())
                .name("sender").value(t.getSender())
                .name("recipient").value(t.getRecipient())
                .name("amount").value(t.getAmount())
                .name("status").value(status(t.getStatus()))
                .name("timestamp").value(t.getTimestamp())
                .endObject();
    }
}
