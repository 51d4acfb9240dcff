package dev.highwater.core.indexer;

import dev.highwater.proto.blockchain.Transaction;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the indexer publishes what it ingests. The returned future completes once every transaction of the
 * batch is durably published (for Kafka: the producer transaction committed), and fails otherwise; only then
 * does a transaction count as ingested.
 */
public interface TransactionSink extends AutoCloseable {

    CompletableFuture<Void> publish(List<Transaction> batch);

    @Override
    void close();
}
