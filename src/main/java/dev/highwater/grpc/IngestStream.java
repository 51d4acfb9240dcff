package dev.highwater.grpc;

import dev.highwater.core.indexer.BlockIndex;
import dev.highwater.core.indexer.TransactionRules;
import dev.highwater.core.indexer.TransactionSink;
import dev.highwater.proto.blockchain.IngestResult;
import dev.highwater.proto.blockchain.Transaction;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One IngestTransactions call. Transactions are batched (a full batch, or whatever arrived within the linger
 * time), stamped by the index, published to the sink, and reported back to the index. The stream holds at
 * most {@code batchSize * batchesInFlight} transactions: it asks the client for more only as batches finish
 * publishing, so a fast client waits in gRPC flow control instead of filling the server's memory. The
 * result is sent once the client has finished and every batch has completed.
 */
final class IngestStream implements StreamObserver<Transaction> {

    private final BlockIndex index;
    private final TransactionSink sink;
    private final ServerCallStreamObserver<IngestResult> call;
    private final int batchSize;
    private final long lingerNanos;
    private final ScheduledExecutorService timers;
    private final Executor publishing;
    private final Consumer<Throwable> onPublishFailure;

    // guarded by `this`
    private List<Transaction> batch = new ArrayList<>();
    private Future<?> lingerTimer;
    private int batchesInFlight;
    private boolean clientDone;
    private boolean cancelled;
    private boolean resultSent;
    private long ingested;
    private long failed;

    IngestStream(BlockIndex index, TransactionSink sink, ServerCallStreamObserver<IngestResult> call,
                 IndexerSettings settings, ScheduledExecutorService timers, Executor publishing,
                 Consumer<Throwable> onPublishFailure) {
        this.index = index;
        this.sink = sink;
        this.call = call;
        this.batchSize = settings.ingestBatchSize();
        this.lingerNanos = settings.ingestLinger().toNanos();
        this.timers = timers;
        this.publishing = publishing;
        this.onPublishFailure = onPublishFailure;
        call.disableAutoRequest();
        call.setOnCancelHandler(this::cancelled);
        call.request(batchSize * settings.ingestBatchesInFlight());
    }

    @Override
    public synchronized void onNext(Transaction tx) {
        if (TransactionRules.problem(tx).isPresent()) {
            // a malformed payment is counted as failed and never reaches Kafka; the stream goes on
            failed++;
            index.rejected(1);
            call.request(1);
            return;
        }
        batch.add(tx);
        if (batch.size() >= batchSize) {
            flush();
        } else if (batch.size() == 1 && lingerTimer == null) {
            // publish from the publishing pool, so a blocking sink never stalls the shared timer thread
            lingerTimer = timers.schedule(() -> publishing.execute(this::flushLingering),
                    lingerNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void onError(Throwable t) {
        cancelled();
    }

    @Override
    public void onCompleted() {
        boolean finished;
        synchronized (this) {
            clientDone = true;
            flush();
            finished = batchesInFlight == 0;
        }
        if (finished) {
            sendResult();
        }
    }

    private synchronized void flushLingering() {
        lingerTimer = null;
        flush();
    }

    // under `this`
    private void flush() {
        if (lingerTimer != null) {
            lingerTimer.cancel(false);
            lingerTimer = null;
        }
        if (batch.isEmpty() || cancelled) {
            return;
        }
        List<Transaction> stamped = index.assign(batch);
        batch = new ArrayList<>();
        batchesInFlight++;
        CompletableFuture<Void> publish;
        try {
            publish = sink.publish(stamped);
        } catch (RuntimeException e) {
            publish = CompletableFuture.failedFuture(e);
        }
        // never run the index's work on the sink's own thread (for Kafka: the producer's I/O thread)
        publish.whenCompleteAsync((ok, error) -> completed(stamped, error), publishing);
    }

    private void completed(List<Transaction> stamped, Throwable error) {
        if (error == null) {
            index.published(stamped);
        } else {
            index.failed(stamped);
            onPublishFailure.accept(error);
        }
        boolean finished;
        boolean stillOpen;
        synchronized (this) {
            batchesInFlight--;
            if (error == null) {
                ingested += stamped.size();
            } else {
                failed += stamped.size();
            }
            finished = clientDone && batchesInFlight == 0;
            stillOpen = !clientDone && !cancelled;
        }
        if (stillOpen) {
            call.request(stamped.size()); // room for as many as just left the stream
        }
        if (finished) {
            sendResult();
        }
    }

    private void sendResult() {
        IngestResult result;
        synchronized (this) {
            if (resultSent || cancelled) {
                return;
            }
            resultSent = true;
            result = IngestResult.newBuilder().setIngested(ingested).setFailed(failed).build();
        }
        call.onNext(result);
        call.onCompleted();
    }

    // Buffered transactions were never published, so they are dropped uncounted; in-flight ones still finish.
    private synchronized void cancelled() {
        cancelled = true;
        batch.clear();
        if (lingerTimer != null) {
            lingerTimer.cancel(false);
            lingerTimer = null;
        }
    }
}
