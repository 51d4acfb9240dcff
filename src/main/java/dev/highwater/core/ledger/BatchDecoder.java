package dev.highwater.core.ledger;

import dev.highwater.core.DaemonThreads;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Decodes and hashes records in batches on every core ahead of a single-threaded fold, and hands the batches to
 * it in the order they were read, so the fold sees what one thread reading and decoding would see. Lives for one
 * replay, on the replay's thread: {@link #drain} at the end of the read, {@link #close} in every case.
 */
final class BatchDecoder implements AutoCloseable {

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Batches read ahead of the fold: enough to keep every decoding thread busy, few enough to bound memory. */
    private static final int MAX_AHEAD = 2 * THREADS + 1;

    /** A batch being decoded. */
    private record Decoding(DecodedBatch batch, Future<?> done) {
    }

    private final Consumer<DecodedBatch> fold;
    private final LedgerSchemas schemas;
    /** Started by the first full batch, so a replay with nothing to read starts no thread. */
    private ExecutorService pool;
    private final ArrayDeque<Decoding> ahead = new ArrayDeque<>();
    private final ArrayDeque<DecodedBatch> spare = new ArrayDeque<>();
    private DecodedBatch filling;

    /**
     * @param fold    takes each decoded batch, on the caller's thread; an exception from it is thrown to the caller
     * @param schemas the schemas of records framed for a schema registry
     */
    BatchDecoder(Consumer<DecodedBatch> fold, LedgerSchemas schemas) {
        this.fold = fold;
        this.schemas = schemas;
    }

    /** Adds a record; once a batch is full, the batches before it that are decoded are folded. */
    void record(int partition, long offset, byte[] value) {
        if (filling == null) {
            filling = spare.isEmpty() ? new DecodedBatch() : spare.pop();
        }
        if (filling.add(partition, offset, value)) {
            submit();
        }
    }

    /** Every record added but not folded yet, decoded and folded. */
    void drain() {
        if (filling != null && filling.size > 0) {
            submit();
        }
        while (!ahead.isEmpty()) {
            foldNext();
        }
    }

    /** Stops the decoding threads; batches not folded yet are dropped. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Hands the filled batch to a decoding thread, folding the batches before it that are decoded. */
    private void submit() {
        DecodedBatch b = filling;
        filling = null;
        if (pool == null) {
            pool = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("ledger-decode"));
        }
        ahead.add(new Decoding(b, pool.submit(() -> b.decode(new LedgerDecoder(schemas), new EventHash()))));
        while (!ahead.isEmpty() && (ahead.size() > MAX_AHEAD || ahead.peek().done().isDone())) {
            foldNext();
        }
    }

    private void foldNext() {
        Decoding next = ahead.poll();
        try {
            next.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayCancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        fold.accept(next.batch());
        next.batch().clear();
        spare.push(next.batch());
    }
}
