package dev.highwater.kafka;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.indexer.TransactionSink;
import dev.highwater.core.ledger.LedgerEvent;
import dev.highwater.proto.blockchain.Transaction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Publishes what the indexer ingests: each transaction to the transactions topic (Protobuf, key = sender) and,
 * for a confirmed one, a debit of the sender and a credit of the recipient to the ledger topic (key = account),
 * all inside one Kafka transaction so that a read_committed reader sees a payment's two sides together or not
 * at all. About one payment in four is written in the JSON shape, as older producers do.
 *
 * <p>One thread owns the producer; batches queued while a Kafka transaction commits go into the next one.
 */
public final class KafkaTransactionSink implements TransactionSink {

    private static final int MAX_TRANSACTIONS_PER_COMMIT = 20_000;
    private static final HexFormat HEX = HexFormat.of();

    private sealed interface Work permits TransactionWork, EventWork {
        CompletableFuture<Void> done();

        int size();
    }

    private record TransactionWork(List<Transaction> batch, CompletableFuture<Void> done) implements Work {
        public int size() {
            return batch.size();
        }
    }

    private record EventWork(List<LedgerEvent> events, CompletableFuture<Void> done) implements Work {
        public int size() {
            return events.size();
        }
    }

    private final String bootstrap;
    private final String transactionsTopic;
    private final String ledgerTopic;
    private final String transactionalId;
    private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private KafkaProducer<byte[], byte[]> producer;

    public KafkaTransactionSink(String bootstrap, String transactionsTopic, String ledgerTopic, String transactionalId) {
        this.bootstrap = bootstrap;
        this.transactionsTopic = transactionsTopic;
        this.ledgerTopic = ledgerTopic;
        this.transactionalId = transactionalId;
        this.producer = newProducer();
        this.thread = DaemonThreads.start("kafka-transaction-sink", this::run);
    }

    @Override
    public CompletableFuture<Void> publish(List<Transaction> batch) {
        return enqueue(new TransactionWork(List.copyOf(batch), new CompletableFuture<>()));
    }

    /** Publishes ledger events on their own (the demo's opening balances), in one Kafka transaction. */
    public CompletableFuture<Void> publishEvents(List<LedgerEvent> events) {
        return enqueue(new EventWork(List.copyOf(events), new CompletableFuture<>()));
    }

    private CompletableFuture<Void> enqueue(Work work) {
        if (!running) {
            work.done().completeExceptionally(new IllegalStateException("the Kafka publisher is closed"));
            return work.done();
        }
        queue.add(work);
        return work.done();
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        // One request in flight. Under transactions v2 a partition starts each transaction with no sequence state
        // on the broker, which adds it to the transaction when its first batch arrives; when that batch is held up
        // (the last commit's markers still being written, busy cores), a later batch of the same partition sent
        // meanwhile is rejected as out of sequence, logged by the broker as an ERROR with a stack trace, and
        // retried. With one request at a time a partition's next batch leaves only once the one before is in.
        KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000,
                ProducerConfig.CLIENT_ID_CONFIG, "highwater-demo-indexer",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new ByteArraySerializer(), new ByteArraySerializer());
        p.initTransactions();
        return p;
    }

    private void run() {
        List<Work> work = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Work first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                work.add(first);
                int count = first.size();
                Work next;
                while (count < MAX_TRANSACTIONS_PER_COMMIT && (next = queue.poll()) != null) {
                    work.add(next);
                    count += next.size();
                }
                commit(work);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                work.clear();
            }
        }
        failPending(new IllegalStateException("the Kafka publisher stopped"));
    }

    private void commit(List<Work> work) {
        try {
            producer.beginTransaction();
            for (Work w : work) {
                switch (w) {
                    case TransactionWork t -> t.batch().forEach(this::send);
                    case EventWork e -> e.events().forEach(ev -> producer.send(LedgerRecords.of(ledgerTopic, ev, false)));
                }
            }
            producer.commitTransaction();
            work.forEach(w -> w.done().complete(null));
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            // the producer cannot be used any more: start a new one for the next batches
            work.forEach(w -> w.done().completeExceptionally(e));
            producer.close(Duration.ZERO);
            if (running) {
                producer = newProducer();
            }
        } catch (RuntimeException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException ignored) {
                // the next beginTransaction reports what is wrong
            }
            work.forEach(w -> w.done().completeExceptionally(e));
        }
    }

    private void send(Transaction tx) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(LedgerRecords.CONTENT_TYPE, LedgerRecords.PROTOBUF_TRANSACTION);
        producer.send(new ProducerRecord<>(transactionsTopic, null, tx.getTimestamp(),
                tx.getSender().getBytes(StandardCharsets.UTF_8), tx.toByteArray(), headers));
        if (tx.getStatus() != 1) {
            return; // only a confirmed payment moves money
        }
        BigDecimal amount = new BigDecimal(tx.getAmount());
        String hash = HEX.formatHex(tx.getHash().toByteArray());
        boolean asJson = !tx.getHash().isEmpty() && (tx.getHash().byteAt(0) & 3) == 0;
        producer.send(LedgerRecords.of(ledgerTopic, new LedgerEvent(hash + ":debit", tx.getSender(),
                LedgerEvent.Type.ACCOUNT_DEBITED, amount, "tx " + hash, tx.getTimestamp()), asJson));
        producer.send(LedgerRecords.of(ledgerTopic, new LedgerEvent(hash + ":credit", tx.getRecipient(),
                LedgerEvent.Type.ACCOUNT_CREDITED, amount, "tx " + hash, tx.getTimestamp()), asJson));
    }

    private void failPending(Exception e) {
        Work w;
        while ((w = queue.poll()) != null) {
            w.done().completeExceptionally(e);
        }
    }

    /** Publishes what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
