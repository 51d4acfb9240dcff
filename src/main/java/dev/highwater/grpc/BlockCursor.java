package dev.highwater.grpc;

import dev.highwater.core.indexer.BlockIndex;
import dev.highwater.proto.blockchain.Block;
import io.grpc.stub.ServerCallStreamObserver;

import java.util.Optional;
import java.util.function.Function;

/**
 * Sends retained blocks to one call, from a height on, only while the call is ready. A slow reader costs the
 * server a height, never a queue of blocks: the blocks stay in the index and are read when the call can take
 * them. {@link #drain} may be called from any thread (on-ready, a sealed block); sends are serialized here.
 * A reader that falls out of the retained window carries on from the oldest retained block; heights show
 * the gap.
 */
final class BlockCursor<T> {

    /** For a cursor that follows the chain as it grows. */
    static final long LIVE = Long.MAX_VALUE;

    private final BlockIndex index;
    private final ServerCallStreamObserver<T> call;
    private final Function<Block, T> message;
    private long next;
    private long last = -1;
    private Runnable onReachedLast = () -> { };
    private boolean reachedReported = true;

    BlockCursor(BlockIndex index, ServerCallStreamObserver<T> call, Function<Block, T> message) {
        this.index = index;
        this.call = call;
        this.message = message;
    }

    /** Sends blocks {@code from}..{@code last} (inclusive), then runs {@code onReachedLast} once. */
    synchronized void start(long from, long last, Runnable onReachedLast) {
        this.next = from;
        this.last = last;
        this.onReachedLast = onReachedLast;
        this.reachedReported = false;
        drain();
    }

    synchronized void drain() {
        while (next <= last && call.isReady() && !call.isCancelled()) {
            next = Math.max(next, index.oldestHeight());
            Optional<Block> block = index.block(next);
            if (block.isEmpty()) {
                return; // not sealed yet: the next sealed block drains again
            }
            call.onNext(message.apply(block.get()));
            next++;
        }
        if (next > last && !reachedReported) {
            reachedReported = true;
            onReachedLast.run();
        }
    }

    synchronized void complete() {
        if (!call.isCancelled()) {
            call.onCompleted();
        }
    }
}
