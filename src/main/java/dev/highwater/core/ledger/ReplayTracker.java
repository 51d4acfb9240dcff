package dev.highwater.core.ledger;

import java.util.function.BooleanSupplier;

/**
 * Counts the records a replay pass reads, stops the pass once it is cancelled and tells the listener how far it
 * got a few times a second. The pass checks every {@link #CHECK_EVERY} records: asking the cancel flag or the
 * clock for each record would cost more than folding it. Public so that other folds over a topic (a keyed
 * topic's state at an instant) count, cancel and report progress as a replay does.
 */
public final class ReplayTracker {

    static final int CHECK_EVERY = 1024;
    private static final long PROGRESS_NANOS = 200_000_000L;

    private final long[] from;
    private final long total;
    private final LedgerReplay.Listener listener;
    private final BooleanSupplier cancelled;
    private final long started;
    private long lastProgress;
    private long read;

    /**
     * @param from     the positions the pass reads from, by partition
     * @param total    records between those positions and the ends of the partitions
     * @param nowNanos the clock ({@link System#nanoTime}) as the pass starts
     */
    public ReplayTracker(long[] from, long total, LedgerReplay.Listener listener, BooleanSupplier cancelled,
                  long nowNanos) {
        this.from = from.clone();
        this.total = total;
        this.listener = listener;
        this.cancelled = cancelled;
        this.started = nowNanos;
        this.lastProgress = nowNanos;
    }

    /** Counts one more record read; true when the pass should {@link #checkCancelled} and report progress. */
    public boolean count() {
        return (++read & (CHECK_EVERY - 1)) == 0;
    }

    /** Records read so far. */
    public long read() {
        return read;
    }

    /** Records the pass reads in all. */
    public long total() {
        return total;
    }

    /** @throws ReplayCancelledException once the replay was cancelled */
    public void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new ReplayCancelledException();
        }
    }

    /** Reports progress at the given positions if the last report is at least 200 ms old. */
    public void progressIfDue(long[] positions, long nowNanos) {
        if (nowNanos - lastProgress >= PROGRESS_NANOS) {
            lastProgress = nowNanos;
            progress(positions, nowNanos);
        }
    }

    /** Reports progress at the given positions now. */
    public void progress(long[] positions, long nowNanos) {
        long done = 0;
        for (int p = 0; p < from.length; p++) {
            done += positions[p] - from[p];
        }
        listener.progress(ReplayProgress.after(done, total, read, nowNanos - started));
    }
}
