package dev.highwater.grpc;

import com.google.protobuf.ByteString;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.BlockchainIndexerGrpc;
import dev.highwater.proto.blockchain.GetTransactionRequest;
import dev.highwater.proto.blockchain.SubscribeRequest;
import dev.highwater.proto.blockchain.Transaction;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Blocking calls to an indexer, for the command line. Failures are {@link StatusRuntimeException}s whose
 * status says what went wrong (NOT_FOUND, DEADLINE_EXCEEDED, UNAVAILABLE, ...).
 */
public final class IndexerClient {

    private final BlockchainIndexerGrpc.BlockchainIndexerBlockingStub stub;

    public IndexerClient(Channel channel) {
        this.stub = BlockchainIndexerGrpc.newBlockingStub(channel);
    }

    public Transaction getTransaction(byte[] hash, Duration deadline) {
        return stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .getTransaction(GetTransactionRequest.newBuilder().setHash(ByteString.copyFrom(hash)).build());
    }

    /**
     * Hands blocks from {@code fromHeight} on to {@code onBlock} until {@code limit} have come (0: no limit),
     * the call fails, or this thread is interrupted (then the call is cancelled).
     *
     * @return how many blocks were handed over
     */
    public long subscribeBlocks(long fromHeight, int limit, Consumer<Block> onBlock) {
        return subscribe(stub, fromHeight, limit, onBlock);
    }

    /** As {@link #subscribeBlocks(long, int, Consumer)}, ending with DEADLINE_EXCEEDED once the deadline passes. */
    public long subscribeBlocks(long fromHeight, int limit, Duration deadline, Consumer<Block> onBlock) {
        return subscribe(stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS), fromHeight, limit,
                onBlock);
    }

    private static long subscribe(BlockchainIndexerGrpc.BlockchainIndexerBlockingStub stub, long fromHeight,
                                  int limit, Consumer<Block> onBlock) {
        if (limit < 0) {
            throw new IllegalArgumentException("the block limit must be 0 (none) or more, not " + limit);
        }
        // closing the cancellable context cancels the call: that is how a blocking stream stops at a limit
        try (Context.CancellableContext scope = Context.current().withCancellation()) {
            Context previous = scope.attach();
            try {
                Iterator<Block> blocks = stub.subscribeToBlocks(
                        SubscribeRequest.newBuilder().setStartHeight(fromHeight).build());
                long received = 0;
                while ((limit == 0 || received < limit) && blocks.hasNext()) {
                    onBlock.accept(blocks.next());
                    received++;
                }
                return received;
            } finally {
                scope.detach(previous);
            }
        }
    }
}
