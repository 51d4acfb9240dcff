package dev.highwater.grpc.reflection;

import dev.highwater.core.indexer.TransactionSink;
import dev.highwater.proto.blockchain.Transaction;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A sink that accepts and drops every batch: tests that only talk to the indexer over gRPC. */
public final class NoSink implements TransactionSink {

    @Override
    public CompletableFuture<Void> publish(List<Transaction> batch) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
    }
}
