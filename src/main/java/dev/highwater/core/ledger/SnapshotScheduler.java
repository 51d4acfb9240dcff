package dev.highwater.core.ledger;

import dev.highwater.core.DaemonThreads;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Cuts snapshots of a replay's state every {@code every} records and saves them on a background thread while
 * the fold reads on; a cut is taken only once the save before it is done, which paces them. A save that fails
 * stops the cutting, with a note: snapshots only save reading, an answer never depends on them.
 */
final class SnapshotScheduler {

    private final LedgerTopic topic;
    private final LedgerState s;
    private final SnapshotStore store;
    private final ReplayPlanner planner;
    private final List<String> notes;
    private final long every;
    private final TailPolicy tail;
    private boolean writable;
    private long nextSeq;
    private long lastCutAt;
    private int written;
    private ExecutorService writer;
    private Future<?> saving;

    /**
     * @param writable whether the pass may cut snapshots (it reads from the newest one, or from an empty store)
     * @param nextSeq  the sequence number of the next snapshot
     * @param every    records between snapshots
     * @param notes    where a failure to save is noted
     */
    SnapshotScheduler(LedgerTopic topic, LedgerState s, SnapshotStore store, ReplayPlanner planner,
                      List<String> notes, boolean writable, long nextSeq, long every, TailPolicy tail) {
        this.topic = topic;
        this.s = s;
        this.store = store;
        this.planner = planner;
        this.notes = notes;
        this.writable = writable;
        this.nextSeq = nextSeq;
        this.every = every;
        this.tail = tail;
    }

    /** True when a snapshot is due after {@code read} records and the one before it is saved. */
    boolean due(long read) {
        return writable && read - lastCutAt >= every && (saving == null || saving.isDone());
    }

    /**
     * Cuts a snapshot of the state as it is between two records, every event before them folded, and saves it
     * in the background, or now when {@code now}.
     */
    void cut(long read, boolean now) {
        if (!savedWithoutFailure()) {
            return;
        }
        lastCutAt = read;
        if (!now || tail.overfull(s.tail.size)) {
            // the last cut of a replay keeps its whole tail, so questions about the recent past start there
            s.advanceCut(tail.keep());
        }
        SnapshotInfo info = new SnapshotInfo(topic.name(), nextSeq, topic.topicId(), s.positions, s.cut,
                s.records, System.currentTimeMillis());
        byte[] state = s.encode();
        SavedIds.Parts ids = s.seen.takeUnsaved(nextSeq);
        Map<Long, byte[]> keys = Map.of(SavedIds.FILTERS, ids.filter(), nextSeq, ids.run());
        nextSeq++;
        written++;
        if (now) {
            try {
                store.save(info, state, keys);
            } catch (RuntimeException e) {
                failed(e);
            }
            return;
        }
        if (writer == null) {
            writer = Executors.newSingleThreadExecutor(DaemonThreads.named("ledger-snapshot-writer"));
        }
        saving = writer.submit(() -> store.save(info, state, keys));
    }

    /** At the end of the read: a last snapshot, saved now, unless the one before is only a few records back. */
    void finish(long read) {
        if (writable && read - lastCutAt >= Math.max(1, every / 10)) {
            cut(read, true);
        }
    }

    /** Lets a snapshot being saved finish, so no write outlives the query. */
    void close() {
        savedWithoutFailure();
        if (writer != null) {
            writer.shutdown();
        }
    }

    /** Snapshots saved (or being saved) by this pass. */
    int written() {
        return written;
    }

    /** Waits for the snapshot being saved; false (and a note) when it failed, after which none are cut. */
    private boolean savedWithoutFailure() {
        if (saving == null) {
            return writable;
        }
        try {
            saving.get();
        } catch (ExecutionException e) {
            failed(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writable = false;
        }
        saving = null;
        return writable;
    }

    private void failed(RuntimeException e) {
        if (writable) {
            planner.storeFailed(notes, "Snapshots could not be saved (" + e.getMessage()
                    + "); the answer is not affected.");
        }
        writable = false;
        written--;
    }
}
