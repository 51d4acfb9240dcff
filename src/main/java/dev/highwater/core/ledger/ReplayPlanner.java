package dev.highwater.core.ledger;

import java.util.List;
import java.util.Objects;

/**
 * Where a replay starts: from the newest saved snapshot whose cut is at or before the earliest instant asked
 * (with the ids saved with it), or from the first record, the topic's snapshots dropped, when none fits or the
 * store cannot be read. Says what the store reports (a file set aside) once, and a failure in its words.
 */
final class ReplayPlanner {

    private final SnapshotStore store;
    /** The store's last notice put in a report: each is said once, however many queries follow. */
    private String noticeShown;
    /** The store's notice as a query began: one that changes during it says what failed (a file set aside). */
    private String noticeAtStart;

    ReplayPlanner(SnapshotStore store) {
        this.store = store;
    }

    /** Called as a query begins. */
    void begin() {
        noticeAtStart = store.openingNotice();
    }

    /** A store call failed: the store's notice says why when it changed during the query, else this note. */
    void storeFailed(List<String> notes, String note) {
        noteNewNotice(notes);
        if (Objects.equals(noticeAtStart, store.openingNotice())) {
            notes.add(note);
        }
    }

    void noteNewNotice(List<String> notes) {
        String notice = store.openingNotice();
        if (notice != null && !notice.equals(noticeShown)) {
            notes.add(notice);
            noticeShown = notice;
        }
    }

    /** A failure of the snapshot store while a pass read keys from it. */
    static final class SnapshotUnreadableException extends RuntimeException {
        SnapshotUnreadableException(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Where a query starts: a restored snapshot or nothing, and whether it may cut new snapshots. */
    record Plan(LedgerState state, SnapshotInfo from, boolean writable, long nextSeq) {
    }

    Plan plan(LedgerTopic now, long earliest, List<String> notes) {
        noteNewNotice(notes);
        List<SnapshotInfo> all;
        try {
            all = store.list(now.name());
        } catch (RuntimeException e) {
            storeFailed(notes, "The saved snapshots of " + now.name() + " could not be read (" + e.getMessage()
                    + "); the answer was replayed in full.");
            return fromTheStart(now, notes);
        }
        for (SnapshotInfo s : all) {
            String misfit = s.misfit(now);
            if (misfit != null) {
                notes.add("The saved snapshots of " + now.name() + " no longer fit the topic (" + misfit
                        + "); they were dropped and are being rebuilt.");
                return fromTheStart(now, notes);
            }
        }
        SnapshotInfo best = null;
        for (SnapshotInfo s : all) {
            if (s.cut() <= earliest) {
                best = s;
            }
        }
        long nextSeq = all.isEmpty() ? 1 : all.getLast().seq() + 1;
        if (best != null) {
            try {
                LedgerState state = LedgerState.decode(store.state(now.name(), best.seq()));
                if (state.positions.length != now.partitions()) {
                    throw new IllegalArgumentException("it has " + state.positions.length + " partitions");
                }
                if (now.offsetsFrom(state.positions) > 0 || !state.conflicts.isEmpty()) {
                    // the ids seen before the snapshot, to tell the records after it new, again or conflicting
                    String topic = now.name();
                    SavedIds ids = new SavedIds(seq -> {
                        List<byte[]> run;
                        try {
                            run = store.keys(topic, seq, seq);
                        } catch (RuntimeException e) {
                            throw new SnapshotUnreadableException(e);
                        }
                        return run.isEmpty() ? null : run.getFirst();
                    }, state.accounts.size());
                    for (byte[] filter : store.keys(topic, best.seq(), SavedIds.FILTERS)) {
                        ids.addFilter(filter);
                    }
                    state.seen.readOnFrom(ids);
                }
                return new Plan(state, best, best == all.getLast(), nextSeq);
            } catch (RuntimeException e) {
                storeFailed(notes, "A saved snapshot of " + now.name() + " could not be read (" + e.getMessage()
                        + "); the snapshots were dropped and are being rebuilt.");
                return fromTheStart(now, notes);
            }
        }
        return new Plan(new LedgerState(now.partitions()), null, all.isEmpty() && store.keeps(), nextSeq);
    }

    /**
     * A pass from the first record, the topic's snapshots dropped: new ones are cut as it reads, unless they
     * cannot even be dropped (the store has failed), when it keeps none.
     */
    Plan fromTheStart(LedgerTopic now, List<String> notes) {
        boolean dropped = false;
        if (store.keeps()) {
            try {
                store.deleteAll(now.name());
                dropped = true;
            } catch (RuntimeException e) {
                storeFailed(notes, "Snapshots are off for this query: the saved ones could not be dropped ("
                        + e.getMessage() + ").");
            }
        }
        return new Plan(new LedgerState(now.partitions()), null, dropped, 1);
    }
}
