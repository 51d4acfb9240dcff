package dev.highwater.grpc;

import dev.highwater.core.indexer.BlockIndex;

import java.time.Duration;

/**
 * How the indexer server batches, blocks and retains.
 *
 * @param blockInterval         how often the open block closes
 * @param retainedBlocks        sealed blocks kept for history and lookups
 * @param retainedTransactions  older blocks are evicted while the retained ones hold more transactions
 * @param ingestBatchSize       transactions per publish to the sink
 * @param ingestLinger          how long a partial batch waits for more before it is published anyway
 * @param ingestBatchesInFlight per ingest stream, how many batches' worth of transactions it may hold
 *                              (buffered or being published) before it stops asking the client for more
 */
public record IndexerSettings(Duration blockInterval, int retainedBlocks, long retainedTransactions,
                              int ingestBatchSize, Duration ingestLinger, int ingestBatchesInFlight) {

    public IndexerSettings {
        if (blockInterval.toMillis() < 1) {
            throw new IllegalArgumentException("the block interval must be at least 1 ms, not " + blockInterval);
        }
        if (retainedBlocks < 1 || retainedTransactions < 1) {
            throw new IllegalArgumentException("retention must keep at least 1 block and 1 transaction");
        }
        if (ingestBatchSize < 1 || ingestBatchesInFlight < 1) {
            throw new IllegalArgumentException("ingest batches need a size and an in-flight limit of at least 1");
        }
        if (ingestLinger.isNegative()) {
            throw new IllegalArgumentException("the ingest linger cannot be negative, not " + ingestLinger);
        }
    }

    public static IndexerSettings defaults() {
        return new IndexerSettings(Duration.ofSeconds(1), BlockIndex.DEFAULT_RETAINED_BLOCKS,
                BlockIndex.DEFAULT_RETAINED_TRANSACTIONS, 500, Duration.ofMillis(5), 4);
    }

    public IndexerSettings withBlockInterval(Duration interval) {
        return new IndexerSettings(interval, retainedBlocks, retainedTransactions, ingestBatchSize, ingestLinger,
                ingestBatchesInFlight);
    }

    public IndexerSettings withRetention(int blocks, long transactions) {
        return new IndexerSettings(blockInterval, blocks, transactions, ingestBatchSize, ingestLinger,
                ingestBatchesInFlight);
    }

    public IndexerSettings withIngestBatching(int batchSize, Duration linger, int batchesInFlight) {
        return new IndexerSettings(blockInterval, retainedBlocks, retainedTransactions, batchSize, linger,
                batchesInFlight);
    }
}
