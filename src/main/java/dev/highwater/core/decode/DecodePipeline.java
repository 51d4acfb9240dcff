package dev.highwater.core.decode;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.registry.SchemaRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw batches in, decoded and filtered rows out into a bounded {@link RowBuffer}. The reading thread hands each
 * batch over and goes back to reading; decode workers (one per spare core) take the partitions split between them,
 * so each partition stays in order. Workers read only what the filter needs (and check the rest is well formed);
 * summaries and JSON trees are made later, for the rows a view shows. A full hand-over queue makes the reader
 * wait: memory stays bounded whatever the rate.
 */
public final class DecodePipeline implements AutoCloseable {

    /**
     * What to decode with and what to keep.
     *
     * @param registry the schema registry framed records are read by (their schema id's schema), or null for
     *                 none: then a framed record needs its id mapped to a type ({@code registryTypes})
     */
    public record Settings(TypeSet types, DecoderChoice keys, DecoderChoice values, Map<Integer, String> registryTypes,
                           RecordFilter filter, int capacity, int workers, SchemaRegistry registry) {
        public Settings {
            registryTypes = Map.copyOf(registryTypes);
            workers = Math.max(1, workers);
        }

        /** Settings without a schema registry. */
        public Settings(TypeSet types, DecoderChoice keys, DecoderChoice values, Map<Integer, String> registryTypes,
                        RecordFilter filter, int capacity, int workers) {
            this(types, keys, values, registryTypes, filter, capacity, workers, null);
        }

        /** Decode workers for this machine: every core but the one the reader uses. */
        public static int defaultWorkers() {
            return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
        }
    }

    private static final List<RawRecord> STOP = List.of();

    private final Settings settings;
    private final WriterSchemas schemas;
    private final RowBuffer rows;
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong decoded = new AtomicLong();
    private volatile RecordFilter filter;
    private volatile boolean closed;

    /** Checks the settings (a pinned type must exist: IllegalArgumentException) and starts the workers. */
    public DecodePipeline(Settings settings) {
        this.settings = settings;
        this.schemas = WriterSchemas.of(settings.registry(), Map.of());
        this.filter = settings.filter();
        this.rows = new RowBuffer(settings.capacity());
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(new Worker(i));
        }
        workers.forEach(w -> w.thread.start());
    }

    public RowBuffer rows() {
        return rows;
    }

    public Settings settings() {
        return settings;
    }

    public RecordFilter filter() {
        return filter;
    }

    /** From the reading thread: hands a batch to the workers, waiting while they are a full queue behind. */
    public void accept(List<RawRecord> batch) throws InterruptedException {
        if (batch.isEmpty() || closed) {
            return;
        }
        accepted.addAndGet(batch.size());
        int n = workers.size();
        if (n == 1) {
            workers.getFirst().queue.put(batch);
            return;
        }
        List<List<RawRecord>> split = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            split.add(new ArrayList<>(batch.size() / n + 16));
        }
        for (RawRecord r : batch) {
            split.get(r.partition() % n).add(r);
        }
        for (int i = 0; i < n; i++) {
            if (!split.get(i).isEmpty()) {
                workers.get(i).queue.put(split.get(i));
            }
        }
    }

    /** Applies a new filter to the records read from now on and to the rows already kept. */
    public void setFilter(RecordFilter newFilter) {
        filter = newFilter;
        RecordDecoder again = new RecordDecoder(settings.types(), settings.values(), settings.registryTypes(), false,
                schemas);
        again.wantFields(newFilter.fields());
        rows.retain(r -> {
            if (newFilter.fields().isEmpty() || r.poison()) {
                return newFilter.test(r);
            }
            return newFilter.test(new DecodedRecord(r.raw(), r.key(), again.decode(r.raw())));
        });
    }

    /** Records handed over and records decoded so far. */
    public long accepted() {
        return accepted.get();
    }

    public long decoded() {
        return decoded.get();
    }

    /** Waits until every record handed over has been decoded (tests and benchmarks). */
    public void awaitDecoded(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (decoded.get() < accepted.get() && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            w.queue.clear();
            w.queue.offer(STOP);
            w.thread.interrupt();
        }
    }

    private final class Worker implements Runnable {
        final BlockingQueue<List<RawRecord>> queue = new ArrayBlockingQueue<>(8);
        final Thread thread;
        final FilteredDecoder decoder;

        Worker(int index) {
            decoder = new FilteredDecoder(settings.types(), settings.keys(), settings.values(), settings.registryTypes(),
                    schemas);
            thread = DaemonThreads.unstarted("decode-" + index, this);
        }

        @Override
        public void run() {
            List<DecodedRecord> kept = new ArrayList<>();
            try {
                while (!closed) {
                    List<RawRecord> batch = queue.take();
                    if (batch == STOP) {
                        return;
                    }
                    RecordFilter f = filter;
                    kept.clear();
                    for (RawRecord r : batch) {
                        DecodedRecord d = decoder.decodeIfKept(r, f);
                        if (d != null) {
                            kept.add(d);
                        }
                    }
                    rows.add(kept, batch.size());
                    decoded.addAndGet(batch.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
