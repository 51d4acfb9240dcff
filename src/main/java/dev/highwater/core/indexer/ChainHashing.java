package dev.highwater.core.indexer;

import com.google.protobuf.ByteString;
import dev.highwater.proto.blockchain.Transaction;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 hashes of the indexer's chain. Fields are written with explicit lengths rather than as the
 * Protobuf encoding, so a hash does not depend on how a Protobuf version happens to serialize.
 */
public final class ChainHashing {

    /** What the first block chains onto. */
    public static final ByteString GENESIS_PARENT = ByteString.copyFrom(new byte[32]);

    private ChainHashing() {
    }

    /** SHA-256 over sender, recipient, amount, status and timestamp (not the hash or the block height). */
    public static ByteString transactionHash(Transaction tx) {
        MessageDigest sha256 = sha256();
        updateString(sha256, tx.getSender());
        updateString(sha256, tx.getRecipient());
        updateString(sha256, tx.getAmount());
        sha256.update(ByteBuffer.allocate(12).putInt(tx.getStatus()).putLong(tx.getTimestamp()).array());
        return ByteString.copyFrom(sha256.digest());
    }

    /** SHA-256(parent block hash ‖ the transactions' hashes in block order). */
    public static ByteString blockHash(ByteString parentHash, List<Transaction> transactions) {
        MessageDigest sha256 = sha256();
        sha256.update(parentHash.asReadOnlyByteBuffer());
        for (Transaction tx : transactions) {
            sha256.update(tx.getHash().asReadOnlyByteBuffer());
        }
        return ByteString.copyFrom(sha256.digest());
    }

    /** Lowercase hex, as the command line and error messages show hashes. */
    public static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static void updateString(MessageDigest sha256, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        sha256.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
        sha256.update(utf8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
