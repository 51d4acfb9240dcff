package dev.highwater.ui.grpc;

import dev.highwater.core.indexer.ChainHashing;
import dev.highwater.proto.blockchain.Block;

import java.time.Instant;

/** A block as the blocks table shows it; the hash rendered once, on the receiving thread. */
public record BlockRow(long height, String hash, Instant time, int transactionCount, Block block) {

    static BlockRow of(Block b) {
        return new BlockRow(b.getHeight(), ChainHashing.hex(b.getHash()), Instant.ofEpochMilli(b.getTimestamp()),
                b.getTransactionsCount(), b);
    }
}
