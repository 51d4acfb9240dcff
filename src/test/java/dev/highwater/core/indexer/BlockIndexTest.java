package dev.highwater.core.indexer;

import dev.highwater.core.Subscription;

import com.google.protobuf.ByteString;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.Transaction;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockIndexTest {

    private final BlockIndex index = new BlockIndex();
    private final List<Block> sealed = new CopyOnWriteArrayList<>();

    BlockIndexTest() {
        index.onSealed(sealed::add);
    }

    @Test
    void assignStampsTheOpenHeightAndHashesOnlyUnhashedTransactions() {
        Transaction unhashed = tx("acct-0001", "10.00", 1);
        Transaction hashed = unhashed.toBuilder().setHash(ByteString.copyFromUtf8("given")).build();

        List<Transaction> first = index.assign(List.of(unhashed, hashed));
        index.roll(1_000);
        List<Transaction> second = index.assign(List.of(unhashed));

        assertEquals(1, first.get(0).getBlockHeight());
        assertEquals(2, second.get(0).getBlockHeight());
        assertEquals(32, first.get(0).getHash().size());
        assertEquals(ByteString.copyFromUtf8("given"), first.get(1).getHash());
        assertEquals(first.get(0).getHash(), second.get(0).getHash(), "the hash depends only on the fields");
        assertNotEquals(first.get(0).getHash(), ChainHashing.transactionHash(tx("acct-0001", "10.01", 1)));
        assertEquals("10.00", first.get(0).getAmount());
    }

    @Test
    void aClosedBlockSealsOnlyWhenItsPublishesHaveCompleted() {
        List<Transaction> batch = index.assign(List.of(tx("a", "1.00", 1)));
        index.roll(1_000);
        assertTrue(sealed.isEmpty());
        assertEquals(-1, index.headHeight());

        index.published(batch);

        assertEquals(List.of(1L), heights(sealed));
        assertEquals(batch, sealed.getFirst().getTransactionsList());
        assertEquals(1_000, sealed.getFirst().getTimestamp());
        assertEquals(1, index.ingested());
    }

    @Test
    void blocksSealInHeightOrderWhenALaterBlockFinishesFirst() {
        List<Transaction> inBlock1 = index.assign(List.of(tx("a", "1.00", 1)));
        index.roll(1_000);
        List<Transaction> inBlock2 = index.assign(List.of(tx("b", "2.00", 2)));
        index.roll(2_000);
        index.roll(3_000);

        index.published(inBlock2);
        assertTrue(sealed.isEmpty(), "block 2 must wait for block 1");

        index.published(inBlock1);
        assertEquals(List.of(1L, 2L, 3L), heights(sealed));
        assertEquals(0, sealed.get(2).getTransactionsCount(), "an empty second still makes a block");
    }

    @Test
    void failedTransactionsLeaveTheBlockAndCannotBeFound() {
        List<Transaction> ok = index.assign(List.of(tx("a", "1.00", 1)));
        List<Transaction> bad = index.assign(List.of(tx("b", "2.00", 2), tx("c", "3.00", 3)));
        index.failed(bad);
        index.published(ok);
        index.roll(1_000);

        assertEquals(ok, sealed.getFirst().getTransactionsList());
        assertTrue(index.transaction(bad.getFirst().getHash()).isEmpty());
        assertEquals(ok.getFirst(), index.transaction(ok.getFirst().getHash()).orElseThrow());
        assertEquals(1, index.ingested());
        assertEquals(2, index.failed());
    }

    @Test
    void transactionsKeepAssignmentOrderWhateverOrderTheyPublishIn() {
        List<Transaction> first = index.assign(List.of(tx("a", "1.00", 1)));
        List<Transaction> second = index.assign(List.of(tx("b", "2.00", 2)));
        index.roll(1_000);
        index.published(second);
        index.published(first);

        assertEquals(List.of(first.getFirst(), second.getFirst()), sealed.getFirst().getTransactionsList());
    }

    @Test
    void eachBlockHashChainsThePreviousHashAndItsTransactionHashes() throws Exception {
        List<Transaction> batch = index.assign(List.of(tx("a", "1.00", 1), tx("b", "2.00", 2)));
        index.published(batch);
        index.roll(1_000);
        index.roll(2_000);

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(new byte[32]);
        sha.update(batch.get(0).getHash().toByteArray());
        sha.update(batch.get(1).getHash().toByteArray());
        ByteString first = ByteString.copyFrom(sha.digest());
        ByteString second = ByteString.copyFrom(sha.digest(first.toByteArray()));

        assertEquals(first, sealed.get(0).getHash());
        assertEquals(second, sealed.get(1).getHash());
    }

    @Test
    void evictedBlocksDropTheirTransactions() {
        BlockIndex small = new BlockIndex(2, 1_000);
        List<Transaction> old = small.assign(List.of(tx("a", "1.00", 1)));
        small.published(old);
        for (int i = 1; i <= 3; i++) {
            small.roll(i * 1_000L);
        }

        assertEquals(List.of(2L, 3L), heights(small.blocksAfter(0, 10)));
        assertEquals(2, small.oldestHeight());
        assertTrue(small.block(1).isEmpty());
        assertTrue(small.transaction(old.getFirst().getHash()).isEmpty());
    }

    @Test
    void theTransactionCapEvictsOldBlocksButKeepsTheNewest() {
        BlockIndex small = new BlockIndex(100, 3);
        for (int i = 1; i <= 3; i++) {
            small.published(small.assign(List.of(tx("a", i + ".00", i), tx("b", i + ".00", i))));
            small.roll(i * 1_000L);
        }

        assertEquals(List.of(3L), heights(small.blocksAfter(0, 10)));
    }

    @Test
    void blocksAfterReturnsAtMostMaxFromTheGivenHeight() {
        for (int i = 1; i <= 5; i++) {
            index.roll(i);
        }
        assertEquals(List.of(3L, 4L), heights(index.blocksAfter(2, 2)));
        assertEquals(List.of(), index.blocksAfter(5, 10));
        assertEquals(5, index.head().orElseThrow().getHeight());
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() {
        List<Block> heard = new ArrayList<>();
        Subscription subscription = index.onSealed(heard::add);
        index.roll(1);
        subscription.close();
        index.roll(2);

        assertEquals(List.of(1L), heights(heard));
        assertEquals(List.of(1L, 2L), heights(sealed));
    }

    @Test
    void aBatchThatIsNotInFlightIsRejected() {
        List<Transaction> done = index.assign(List.of(tx("a", "1.00", 1)));
        index.published(done);
        List<Transaction> inFlight = index.assign(List.of(tx("b", "1.00", 1)));

        assertThrows(IllegalArgumentException.class, () -> index.published(done));
        assertThrows(IllegalArgumentException.class, () -> index.failed(new ArrayList<>(inFlight)));
        index.failed(inFlight);
        assertEquals(1, index.failed());
    }

    @Test
    void concurrentIngestAndRollsSealEveryPublishedTransactionOnceInOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            String sender = "acct-" + w;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    List<Transaction> stamped = index.assign(List.of(tx(sender, "1.00", i)));
                    if (i % 10 == 0) {
                        index.failed(stamped);
                    } else {
                        index.published(stamped);
                    }
                }
            }));
        }
        for (int r = 1; !writers.stream().allMatch(Future::isDone); r++) {
            index.roll(r);
            LockSupport.parkNanos(100_000);
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();
        index.roll(Long.MAX_VALUE);

        List<Long> heights = heights(sealed);
        for (int i = 0; i < heights.size(); i++) {
            assertEquals(i + 1, heights.get(i));
        }
        long total = sealed.stream().mapToLong(Block::getTransactionsCount).sum();
        assertEquals(3 * 270, total);
        assertEquals(total, index.ingested());
        assertEquals(3 * 30, index.failed());
        assertFalse(sealed.stream().anyMatch(b -> b.getTransactionsList().stream()
                .anyMatch(tx -> tx.getBlockHeight() != b.getHeight())));
    }

    static Transaction tx(String sender, String amount, long timestamp) {
        return Transaction.newBuilder().setSender(sender).setRecipient("acct-9999").setAmount(amount)
                .setStatus(1).setTimestamp(timestamp).build();
    }

    private static List<Long> heights(List<Block> blocks) {
        return blocks.stream().map(Block::getHeight).toList();
    }
}
