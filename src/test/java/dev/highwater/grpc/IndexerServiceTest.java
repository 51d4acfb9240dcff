package dev.highwater.grpc;

import com.google.protobuf.ByteString;
import dev.highwater.core.demo.DemoTrafficGenerator;
import dev.highwater.core.indexer.BlockIndex;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.BlockchainIndexerGrpc;
import dev.highwater.proto.blockchain.IngestResult;
import dev.highwater.proto.blockchain.SyncRequest;
import dev.highwater.proto.blockchain.SyncResponse;
import dev.highwater.proto.blockchain.Transaction;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four call types and their failures, over loopback; blocks close only when a test rolls them. */
class IndexerServiceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final InMemoryTransactionSink sink = new InMemoryTransactionSink();
    private final IndexerServer server = IndexerServer.start(0, sink, IndexerSettings.defaults()
            .withBlockInterval(Duration.ofHours(1))
            .withIngestBatching(100, Duration.ofMillis(2), 2));
    private final BlockIndex index = server.blockIndex();
    private final ManagedChannel channel = ManagedChannelBuilder.forTarget(server.target()).usePlaintext().build();
    private final IndexerClient client = new IndexerClient(channel);
    private final DemoTrafficGenerator generator = new DemoTrafficGenerator(0.4, 20, 42);

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void getTransactionReturnsAnIngestedTransactionStampedWithItsBlock() throws Exception {
        index.roll(1);
        List<Transaction> sent = transactions(20);
        ingest(sent);

        Transaction found = client.getTransaction(sent.get(7).getHash().toByteArray(), DEADLINE);

        assertEquals(2, found.getBlockHeight());
        assertEquals(sent.get(7), found.toBuilder().setBlockHeight(0).build());
    }

    @Test
    void ingestTransactionsCountsEveryPublishedTransaction() throws Exception {
        List<Transaction> sent = transactions(1_234);

        IngestResult result = ingest(sent);

        assertEquals(IngestResult.newBuilder().setIngested(1_234).setFailed(0).build(), result);
        assertEquals(hashes(sent), hashes(sink.published()));
        assertEquals(1_234, server.stats().ingested());
    }

    @Test
    void malformedPaymentsAreCountedFailedAndNeverPublishedWhileTheStreamGoesOn() throws Exception {
        List<Transaction> sent = new ArrayList<>(transactions(10));
        sent.add(3, sent.get(3).toBuilder().setAmount("12,50").build());
        sent.add(5, sent.get(5).toBuilder().setAmount("-1.00").build());
        sent.add(7, sent.get(7).toBuilder().setSender("").build());

        IngestResult result = ingest(sent);

        assertEquals(IngestResult.newBuilder().setIngested(10).setFailed(3).build(), result);
        assertEquals(10, sink.published().size());
        assertEquals(3, server.stats().failed());
    }

    @Test
    void subscribeToBlocksSendsHistoryThenLiveBlocksInOrder() throws Exception {
        ingest(transactions(30));
        for (int i = 1; i <= 3; i++) {
            index.roll(i);
        }
        List<Block> received = new ArrayList<>();

        long count = client.subscribeBlocks(1, 5, block -> {
            received.add(block);
            if (block.getHeight() == 3) { // history is done: what follows can only be live
                index.roll(4);
                index.roll(5);
            }
        });

        assertEquals(5, count);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), received.stream().map(Block::getHeight).toList());
        assertEquals(30, received.getFirst().getTransactionsCount());
        assertEquals(index.block(5).orElseThrow(), received.getLast());
    }

    @Test
    void syncBlocksAnswersEachRequestWithTheBlocksAfterIt() throws Exception {
        for (int i = 1; i <= 5; i++) {
            index.roll(i);
        }
        List<Long> heights = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<SyncRequest> requests = BlockchainIndexerGrpc.newStub(channel).syncBlocks(new StreamObserver<>() {
            @Override
            public void onNext(SyncResponse response) {
                heights.add(response.getBlock().getHeight());
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        });
        for (long have : new long[] {2, 4, 5, 0}) {
            requests.onNext(SyncRequest.newBuilder().setHaveHeight(have).build());
        }
        requests.onCompleted();

        done.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(3L, 4L, 5L, 5L, 1L, 2L, 3L, 4L, 5L), heights);
    }

    @Test
    void anUnknownHashIsNotFoundAndTheErrorNamesIt() {
        byte[] unknown = new byte[32];
        Arrays.fill(unknown, (byte) 0xab);

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> client.getTransaction(unknown, DEADLINE));

        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains(HexFormat.of().formatHex(unknown)),
                e.getStatus().getDescription());
    }

    @Test
    void anEmptyHashIsAnInvalidArgument() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> client.getTransaction(new byte[0], DEADLINE));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    @Test
    void aSubscriptionWithAShortDeadlineEndsWithDeadlineExceeded() {
        index.roll(1);
        List<Block> received = new ArrayList<>();

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> client.subscribeBlocks(1, 0, Duration.ofMillis(300), received::add));

        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
        assertEquals(1, received.size());
    }

    @Test
    void aFailingSinkCountsFailedAndItsTransactionsAreNotFound() throws Exception {
        sink.refuseEverything();
        List<Transaction> sent = transactions(30);

        IngestResult result = ingest(sent);
        index.roll(1);

        assertEquals(IngestResult.newBuilder().setIngested(0).setFailed(30).build(), result);
        assertEquals(30, server.stats().failed());
        assertEquals(0, index.block(1).orElseThrow().getTransactionsCount());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> client.getTransaction(sent.getFirst().getHash().toByteArray(), DEADLINE));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    private List<Transaction> transactions(int count) {
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            txs.add(generator.next(1_700_000_000_000L + i));
        }
        return txs;
    }

    private IngestResult ingest(List<Transaction> txs) throws Exception {
        FirstResponse<IngestResult> result = new FirstResponse<>();
        StreamObserver<Transaction> requests = BlockchainIndexerGrpc.newStub(channel).ingestTransactions(result);
        txs.forEach(requests::onNext);
        requests.onCompleted();
        return result.get();
    }

    private static List<ByteString> hashes(List<Transaction> txs) {
        return txs.stream().map(Transaction::getHash).sorted(ByteString.unsignedLexicographicalComparator()).toList();
    }
}
