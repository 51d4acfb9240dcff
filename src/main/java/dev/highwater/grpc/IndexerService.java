package dev.highwater.grpc;

import com.google.protobuf.ByteString;
import dev.highwater.core.indexer.BlockIndex;
import dev.highwater.core.indexer.ChainHashing;
import dev.highwater.core.Subscription;
import dev.highwater.core.indexer.TransactionSink;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.BlockchainIndexerGrpc;
import dev.highwater.proto.blockchain.GetTransactionRequest;
import dev.highwater.proto.blockchain.IngestResult;
import dev.highwater.proto.blockchain.SubscribeRequest;
import dev.highwater.proto.blockchain.SyncRequest;
import dev.highwater.proto.blockchain.SyncResponse;
import dev.highwater.proto.blockchain.Transaction;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/** The {@code blockchain.BlockchainIndexer} service over a {@link BlockIndex} and a {@link TransactionSink}. */
public final class IndexerService extends BlockchainIndexerGrpc.BlockchainIndexerImplBase {

    private static final Logger log = LoggerFactory.getLogger(IndexerService.class);
    private static final long PUBLISH_FAILURE_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final BlockIndex index;
    private final TransactionSink sink;
    private final IndexerSettings settings;
    private final ScheduledExecutorService timers;
    private final Executor publishing;
    private final AtomicLong lastFailureLogNanos = new AtomicLong(System.nanoTime() - PUBLISH_FAILURE_LOG_INTERVAL_NANOS);

    /**
     * @param timers     runs the ingest linger timers; tasks are short and only hand work to {@code publishing}
     * @param publishing runs publishes' completions (index updates, sealed-block sends) off the sink's threads
     */
    public IndexerService(BlockIndex index, TransactionSink sink, IndexerSettings settings,
                          ScheduledExecutorService timers, Executor publishing) {
        this.index = index;
        this.sink = sink;
        this.settings = settings;
        this.timers = timers;
        this.publishing = publishing;
    }

    @Override
    public void getTransaction(GetTransactionRequest request, StreamObserver<Transaction> responseObserver) {
        ByteString hash = request.getHash();
        if (hash.isEmpty()) {
            responseObserver.onError(Status.INVALID_ARGUMENT
                    .withDescription("GetTransaction needs the transaction's hash; the request's hash is empty")
                    .asRuntimeException());
            return;
        }
        index.transaction(hash).ifPresentOrElse(tx -> {
            responseObserver.onNext(tx);
            responseObserver.onCompleted();
        }, () -> responseObserver.onError(Status.NOT_FOUND
                .withDescription("no transaction " + ChainHashing.hex(hash) + " among " + retainedWindow())
                .asRuntimeException()));
    }

    @Override
    public void subscribeToBlocks(SubscribeRequest request, StreamObserver<Block> responseObserver) {
        ServerCallStreamObserver<Block> call = (ServerCallStreamObserver<Block>) responseObserver;
        BlockCursor<Block> cursor = new BlockCursor<>(index, call, block -> block);
        Subscription live = index.onSealed(block -> cursor.drain());
        call.setOnCancelHandler(live::close); // also runs when the client's deadline passes
        call.setOnReadyHandler(cursor::drain);
        cursor.start(request.getStartHeight(), BlockCursor.LIVE, () -> { });
    }

    @Override
    public StreamObserver<Transaction> ingestTransactions(StreamObserver<IngestResult> responseObserver) {
        return new IngestStream(index, sink, (ServerCallStreamObserver<IngestResult>) responseObserver, settings,
                timers, publishing, this::publishFailed);
    }

    @Override
    public StreamObserver<SyncRequest> syncBlocks(StreamObserver<SyncResponse> responseObserver) {
        return new BlockSyncCall(index, (ServerCallStreamObserver<SyncResponse>) responseObserver);
    }

    private String retainedWindow() {
        long oldest = index.oldestHeight();
        return oldest < 0
                ? "the published transactions (no block sealed yet)"
                : "the retained blocks " + oldest + " to " + index.headHeight() + " and those being sealed";
    }

    // A failing sink fails every batch: log the cause at most every few seconds; the failed counter has the rest.
    private void publishFailed(Throwable error) {
        long now = System.nanoTime();
        long last = lastFailureLogNanos.get();
        if (now - last >= PUBLISH_FAILURE_LOG_INTERVAL_NANOS && lastFailureLogNanos.compareAndSet(last, now)) {
            log.warn("Publishing ingested transactions failed; they count as failed", error);
        }
    }
}
