package dev.highwater.core.grpc;

import dev.highwater.core.Subscription;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.Transaction;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The blockchain indexer on one gRPC target: its live blocks and a transaction by hash. Nothing is opened
 * until the first call, which reads the settings' TLS files: call off the UI thread. The first call throws an
 * IllegalArgumentException with one sentence when the settings cannot make a connection, and every call after
 * {@link #close()} an IllegalStateException.
 */
public interface IndexerConnection extends AutoCloseable {

    /** What a block subscription hears, on the connection's own threads. */
    interface BlockListener {
        void onBlock(Block block);

        /** The stream failed (or was cancelled): {@code advice} says what happened and what to check. */
        void onError(String advice);

        /** The server ended the stream. */
        void onCompleted();
    }

    /** host:port. */
    String target();

    /**
     * The transaction with that hash.
     *
     * @throws GrpcCallException when the call fails ({@link GrpcCallException#notFound()} for an unknown hash)
     */
    Transaction transaction(byte[] hash, Duration deadline);

    /** Subscribes to blocks from {@code fromHeight} on (history first, then live); closing it cancels the call. */
    Subscription subscribe(long fromHeight, BlockListener listener);

    /**
     * Hands blocks from {@code fromHeight} on to {@code onBlock}, on this thread, until {@code limit} have come
     * (0: no limit), the call fails, or this thread is interrupted.
     *
     * @param deadline null for none
     * @return how many blocks were handed over
     * @throws GrpcCallException when the stream fails
     */
    long subscribeBlocks(long fromHeight, int limit, Duration deadline, Consumer<Block> onBlock);

    /** Closes the connection, cancelling what still runs on it. */
    @Override
    void close();
}
