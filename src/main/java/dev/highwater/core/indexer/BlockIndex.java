package dev.highwater.core.indexer;

import dev.highwater.core.Subscription;

import com.google.protobuf.ByteString;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The indexer's state: which block new transactions go to, which blocks are sealed, and a bounded window of
 * sealed blocks for history. A transaction can be looked up from the moment it is published until its block
 * leaves the window; memory is bounded by the retained blocks plus the batches still being published.
 * <p>
 * A caller {@link #assign}s a batch, publishes the stamped copies, then reports {@link #published} or
 * {@link #failed}. {@link #roll} closes the open block; a closed block is sealed only once all its publishes
 * have completed, and blocks are sealed strictly in height order, each chained to the previous one's hash.
 * Heights start at 1, so a client that has nothing can say "after 0". A second without transactions still
 * makes an (empty) block: a heartbeat that tells subscribers the chain is alive, as a real chain does.
 * <p>
 * Thread-safe. Lookups and history reads do not take the lock that ingestion uses.
 */
public final class BlockIndex {

    public static final int DEFAULT_RETAINED_BLOCKS = 3_600;
    /** Blocks alone would not bound memory at high rates (3,600 s x 20,000 tx/s), so transactions count too. */
    public static final int DEFAULT_RETAINED_TRANSACTIONS = 1_000_000;

    private static final Logger log = LoggerFactory.getLogger(BlockIndex.class);

    private final int maxBlocks;
    private final long maxTransactions;

    // mutated under `this`; read without it
    private final NavigableMap<Long, Block> retained = new ConcurrentSkipListMap<>();
    private final Map<ByteString, Transaction> byHash = new ConcurrentHashMap<>();
    private final ArrayDeque<PendingBlock> unsealed = new ArrayDeque<>(); // oldest first, the open block last
    private PendingBlock open = new PendingBlock(1);
    private ByteString headHash = ChainHashing.GENESIS_PARENT;
    private long retainedTransactions;
    private long ingested;
    private long failed;

    // sealed blocks wait here (in height order) until a thread holding notifyLock hands them to listeners
    private final Queue<Block> toNotify = new ConcurrentLinkedQueue<>();
    private final Object notifyLock = new Object();
    private final List<Consumer<Block>> listeners = new CopyOnWriteArrayList<>();

    public BlockIndex() {
        this(DEFAULT_RETAINED_BLOCKS, DEFAULT_RETAINED_TRANSACTIONS);
    }

    /**
     * @param maxBlocks       how many sealed blocks stay available for history and lookups (at least 1)
     * @param maxTransactions older blocks are evicted while the retained ones hold more transactions than
     *                        this, though the newest block always stays
     */
    public BlockIndex(int maxBlocks, long maxTransactions) {
        if (maxBlocks < 1 || maxTransactions < 1) {
            throw new IllegalArgumentException("retention must keep at least 1 block and 1 transaction");
        }
        this.maxBlocks = maxBlocks;
        this.maxTransactions = maxTransactions;
        unsealed.add(open);
    }

    /**
     * Stamps each transaction with the open block's height, and an empty hash with {@link
     * ChainHashing#transactionHash}. Hand the returned list itself back to {@link #published} or {@link #failed}.
     */
    public List<Transaction> assign(List<Transaction> batch) {
        List<Transaction> copies = new ArrayList<>(batch.size());
        List<Transaction> stamped = Collections.unmodifiableList(copies); // it becomes the block's content
        synchronized (this) {
            for (Transaction tx : batch) {
                Transaction.Builder b = tx.toBuilder().setBlockHeight(open.height);
                if (tx.getHash().isEmpty()) {
                    b.setHash(ChainHashing.transactionHash(tx));
                }
                copies.add(b.build());
            }
            if (!stamped.isEmpty()) {
                open.add(stamped);
            }
        }
        return stamped;
    }

    /** The batch is durably published: it counts as ingested, can be looked up, and will be in its block. */
    public void published(List<Transaction> stamped) {
        complete(stamped, true);
    }

    /** The batch could not be published: it is counted as failed and leaves its block. */
    public void failed(List<Transaction> stamped) {
        complete(stamped, false);
    }

    /** Closes the open block (it seals once its publishes complete); new transactions go to the next height. */
    public void roll(long nowMillis) {
        synchronized (this) {
            open.close(nowMillis);
            open = new PendingBlock(open.height + 1);
            unsealed.add(open);
            sealReadyBlocks();
        }
        notifyListeners();
    }

    /** Calls the listener with every block sealed from now on, in height order, on the sealing thread. */
    public Subscription onSealed(Consumer<Block> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public Optional<Transaction> transaction(ByteString hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    public Optional<Block> block(long height) {
        return Optional.ofNullable(retained.get(height));
    }

    /** Up to {@code max} retained blocks with a height above {@code height}, oldest first. */
    public List<Block> blocksAfter(long height, int max) {
        return retained.tailMap(height, false).values().stream().limit(max).toList();
    }

    public Optional<Block> head() {
        return Optional.ofNullable(retained.lastEntry()).map(Map.Entry::getValue);
    }

    /** The newest sealed block's height, -1 before the first. */
    public long headHeight() {
        return head().map(Block::getHeight).orElse(-1L);
    }

    /** The oldest block still retained, -1 before the first. */
    public long oldestHeight() {
        return Optional.ofNullable(retained.firstEntry()).map(e -> e.getValue().getHeight()).orElse(-1L);
    }

    public synchronized long ingested() {
        return ingested;
    }

    /** Transactions refused before publishing (not valid payments) count as failed too. */
    public synchronized void rejected(int count) {
        failed += count;
    }

    public synchronized long failed() {
        return failed;
    }

    private void complete(List<Transaction> stamped, boolean ok) {
        if (stamped.isEmpty()) {
            return;
        }
        long height = stamped.getFirst().getBlockHeight();
        synchronized (this) {
            PendingBlock block = unsealed.stream().filter(p -> p.height == height).findFirst()
                    .filter(p -> p.complete(stamped, ok))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "not a batch in flight in block " + height + "; pass back the list assign returned"));
            if (ok) {
                ingested += stamped.size();
                for (Transaction tx : stamped) {
                    byHash.put(tx.getHash(), tx); // findable as soon as it counts, before its block seals
                }
            } else {
                failed += stamped.size();
            }
            if (block.isClosed()) {
                sealReadyBlocks();
            }
        }
        notifyListeners();
    }

    // under `this`
    private void sealReadyBlocks() {
        while (unsealed.peekFirst() != null && unsealed.peekFirst().isReadyToSeal()) {
            PendingBlock pending = unsealed.pollFirst();
            List<Transaction> txs = pending.publishedTransactions();
            headHash = ChainHashing.blockHash(headHash, txs);
            Block block = Block.newBuilder()
                    .setHeight(pending.height)
                    .setHash(headHash)
                    .setTimestamp(pending.closedAtMillis())
                    .addAllTransactions(txs)
                    .build();
            retained.put(block.getHeight(), block);
            retainedTransactions += txs.size();
            toNotify.add(block);
            evictBeyondRetention();
        }
    }

    // under `this`
    private void evictBeyondRetention() {
        while (retained.size() > maxBlocks || (retainedTransactions > maxTransactions && retained.size() > 1)) {
            Block evicted = retained.pollFirstEntry().getValue();
            for (Transaction tx : evicted.getTransactionsList()) {
                byHash.remove(tx.getHash(), tx); // a newer block may hold a transaction with the same hash
            }
            retainedTransactions -= evicted.getTransactionsCount();
        }
    }

    // Outside `this`, so a slow listener never holds up ingestion; one drainer at a time keeps height order.
    private void notifyListeners() {
        synchronized (notifyLock) {
            Block block;
            while ((block = toNotify.poll()) != null) {
                for (Consumer<Block> listener : listeners) {
                    try {
                        listener.accept(block);
                    } catch (RuntimeException e) {
                        log.warn("A sealed-block listener failed on block {}", block.getHeight(), e);
                    }
                }
            }
        }
    }
}
