package dev.highwater.grpc;

import dev.highwater.core.indexer.TransactionSink;
import dev.highwater.proto.blockchain.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A sink for tests that keeps what it is given in memory. It can refuse every batch, or hold publishes
 * open until released, to show what the indexer does when publishing fails or is slow.
 */
final class InMemoryTransactionSink implements TransactionSink {

    private final List<Transaction> published = new ArrayList<>();
    private final List<Runnable> held = new ArrayList<>();
    private boolean refusing;
    private boolean holding;

    synchronized void refuseEverything() {
        refusing = true;
    }

    synchronized void holdPublishes() {
        holding = true;
    }

    /** Completes every held publish and stops holding. */
    void releaseHeld() {
        List<Runnable> toRelease;
        synchronized (this) {
            holding = false;
            toRelease = List.copyOf(held);
            held.clear();
        }
        toRelease.forEach(Runnable::run);
    }

    synchronized List<Transaction> published() {
        return List.copyOf(published);
    }

    @Override
    public synchronized CompletableFuture<Void> publish(List<Transaction> batch) {
        if (refusing) {
            return CompletableFuture.failedFuture(new IllegalStateException("this test sink refuses every batch"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable publish = () -> {
            synchronized (this) {
                published.addAll(batch);
            }
            done.complete(null);
        };
        if (holding) {
            held.add(publish);
        } else {
            publish.run();
        }
        return done;
    }

    @Override
    public void close() {
    }
}
