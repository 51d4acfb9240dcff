package dev.highwater.core.table;

import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.ledger.LedgerSource;
import dev.highwater.core.ledger.LedgerTopic;
import dev.highwater.core.ledger.ReplayStats;
import dev.highwater.core.ledger.ReplayTracker;
import dev.highwater.core.ledger.SnapshotInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Answers "what did this keyed topic hold at T": every key's latest value among the committed records stamped at
 * or before T (a tombstone removes the key), read through the ledger's source (read_committed), counted, cancelled
 * and reported by its {@link ReplayTracker}. A question starts from the saved state whose cut is the latest at or
 * before T, reads only the records after it, and saves the state it reaches for the next question.
 *
 * <p>Where it differs from {@link LedgerReplay}: a key's state is replaced, not added to, so a snapshot is the
 * whole state (no chain of event ids to restore, see {@link TableSnapshotStore}) and is saved on the reading thread
 * (a million keys are encoded in a second or two; a background save would need a copy of the state, which the
 * heap budget has no room for). Records stamped after the cut are kept apart ({@link LateRecords}) so a snapshot
 * also serves later questions; when they grow past {@link Settings#lateLimit} with the cut already at T, they are
 * dropped and the question saves no further snapshot.
 */
public final class TableReplay {

    /**
     * @param snapshotEvery  records between snapshots while reading (at least eight times the keys held: a
     *                       snapshot costs as much as its state)
     * @param lateLimit      records stamped after the cut kept before the cut moves forward
     * @param lateKept       records stamped after the cut kept when it moves
     * @param snapshotsKept  snapshots kept per topic (the oldest go first)
     */
    public record Settings(long snapshotEvery, int lateLimit, int lateKept, int snapshotsKept) {
        public static Settings defaults() {
            return new Settings(2_000_000, 200_000, 20_000, 4);
        }
    }

    private final LedgerSource source;
    private final TableSnapshotStore store;
    private final Settings settings;
    /** The store's last notice put in an answer: each is said once, however many questions follow. */
    private String noticeShown;

    public TableReplay(LedgerSource source, TableSnapshotStore store, Settings settings) {
        this.source = source;
        this.store = store;
        this.settings = settings;
    }

    /**
     * The topic's state at {@code at}.
     *
     * @throws IllegalArgumentException in one sentence when the topic does not exist
     * @throws dev.highwater.core.ledger.ReplayCancelledException once {@code cancelled} says so
     */
    public TableAt at(String topic, Instant at, LedgerReplay.Listener listener, BooleanSupplier cancelled) {
        return new Pass(topic, at, listener, cancelled).run();
    }

    /** The states at both instants, the earlier read first so that the later one starts from its snapshot. */
    public TableDiff diff(String topic, Instant from, Instant to, LedgerReplay.Listener listener,
                          BooleanSupplier cancelled) {
        if (from.isAfter(to)) {
            TableAt later = at(topic, to, listener, cancelled);
            return TableDiff.of(at(topic, from, listener, cancelled), later);
        }
        TableAt earlier = at(topic, from, listener, cancelled);
        return TableDiff.of(earlier, at(topic, to, listener, cancelled));
    }

    /** One question: plan, read, answer. */
    private final class Pass {

        private final String topic;
        private final Instant instant;
        private final long at;
        private final LedgerReplay.Listener listener;
        private final BooleanSupplier cancelled;
        private final List<String> notes = new ArrayList<>();
        private final ContentTypes contentTypes = new ContentTypes();
        private TableState s;
        private LedgerTopic now;
        private boolean writable;
        private long nextSeq;
        private long lastCutAt;
        private int written;
        private long keyless;
        private boolean keepingLate = true;

        Pass(String topic, Instant instant, LedgerReplay.Listener listener, BooleanSupplier cancelled) {
            this.topic = topic;
            this.instant = instant;
            this.at = instant.toEpochMilli();
            this.listener = listener;
            this.cancelled = cancelled;
        }

        TableAt run() {
            long started = System.nanoTime();
            now = source.describe(topic);
            long fromSeq = plan();
            ReplayTracker tracker = new ReplayTracker(s.positions, now.offsetsFrom(s.positions), listener, cancelled,
                    System.nanoTime());
            source.readTimed(now, s.positions.clone(), (partition, offset, timestamp, key, value, contentType) -> {
                if (tracker.count()) {
                    tracker.checkCancelled();
                    tracker.progressIfDue(s.positions, System.nanoTime());
                }
                s.records++;
                s.positions[partition] = offset + 1;
                fold(partition, offset, timestamp, key, value, contentTypes.intern(contentType));
                if (writable && tracker.read() - lastCutAt >= Math.max(settings.snapshotEvery(),
                        8L * s.keys.size())) {
                    lastCutAt = tracker.read();
                    save();
                }
            });
            tracker.checkCancelled();
            tracker.progress(s.positions, System.nanoTime());
            if (writable && tracker.read() > lastCutAt) {
                save(); // the next question starts where this one ended
            }
            noteNotice();
            if (keyless > 0) {
                notes.add(String.format("%,d records without a key were left out: a key's state needs a key.",
                        keyless));
            }
            s.late.foldUpTo(at, s.keys);
            ReplayStats stats = new ReplayStats(tracker.read(), fromSeq, written,
                    (System.nanoTime() - started) / 1e9);
            return TableAt.of(topic, instant, s.keys, stats, notes);
        }

        private void fold(int partition, long offset, long timestamp, byte[] key, byte[] value, byte[] contentType) {
            if (key == null) {
                keyless++;
                return;
            }
            if (timestamp <= s.cut) {
                s.keys.offer(key, partition, offset, timestamp, value, contentType);
            } else if (keepingLate || timestamp <= at) {
                s.late.add(key, partition, offset, timestamp, value, contentType);
                if (s.late.size > settings.lateLimit()) {
                    makeRoom();
                }
            }
        }

        /** Moves the cut forward, never past the question's instant; past it, stops keeping later records. */
        private void makeRoom() {
            long to = Math.min(at, s.late.timestampKeeping(settings.lateKept()));
            if (to > s.cut) {
                s.late.foldUpTo(to, s.keys);
                s.cut = to;
            }
            if (s.late.size > settings.lateLimit()) {
                // the records after T pile up: this question needs none of them, and no longer saves its state
                keepingLate = false;
                writable = false;
                s.late.dropAfter(at);
                if (s.late.size > settings.lateLimit()) {
                    s.late.foldUpTo(at, s.keys);
                    s.cut = at;
                }
            }
        }

        /** Where the question starts: the saved state with the latest cut at or before T, or the first record. */
        private long plan() {
            noteNotice();
            writable = store.keeps();
            List<SnapshotInfo> all;
            try {
                all = store.list(topic);
            } catch (RuntimeException e) {
                storeFailed("The saved states of " + topic + " could not be read (" + e.getMessage()
                        + "); the topic was read from its first record.");
                writable = false;
                return fresh();
            }
            nextSeq = all.isEmpty() ? 1 : all.getLast().seq() + 1;
            for (SnapshotInfo info : all) {
                String misfit = info.misfit(now);
                if (misfit != null) {
                    notes.add("The saved states of " + topic + " no longer fit the topic (" + misfit
                            + "); they were dropped.");
                    dropAll();
                    return fresh();
                }
            }
            SnapshotInfo best = null;
            for (SnapshotInfo info : all) {
                if (info.cut() <= at && (best == null || info.cut() >= best.cut())) {
                    best = info;
                }
            }
            if (best == null) {
                return fresh();
            }
            try {
                TableState.Decoder decoder = new TableState.Decoder();
                store.read(topic, best.seq(), decoder::chunk);
                s = decoder.state();
                if (s.positions.length != now.partitions()) {
                    throw new IllegalArgumentException("it has " + s.positions.length + " partitions");
                }
                return best.seq();
            } catch (RuntimeException e) {
                storeFailed("A saved state of " + topic + " could not be read (" + e.getMessage()
                        + "); the saved states were dropped and the topic read from its first record.");
                dropAll();
                return fresh();
            }
        }

        private long fresh() {
            s = new TableState(now.partitions(), 1024);
            return 0;
        }

        private void dropAll() {
            try {
                store.deleteAll(topic);
                nextSeq = 1;
            } catch (RuntimeException e) {
                writable = false;
            }
        }

        /** Saves the state as it is between two records, and drops the oldest snapshots past the ones kept. */
        private void save() {
            SnapshotInfo info = new SnapshotInfo(topic, nextSeq, now.topicId(), s.positions, s.cut, s.records,
                    System.currentTimeMillis());
            try {
                store.save(info, s.encode());
                nextSeq++;
                written++;
                List<SnapshotInfo> all = store.list(topic);
                for (int i = 0; i < all.size() - settings.snapshotsKept(); i++) {
                    store.delete(topic, all.get(i).seq());
                }
            } catch (RuntimeException e) {
                writable = false;
                storeFailed("The state could not be saved (" + e.getMessage() + "); the answer is not affected.");
            }
        }

        private void storeFailed(String note) {
            String before = noticeShown;
            noteNotice();
            if (Objects.equals(before, noticeShown)) {
                notes.add(note);
            }
        }

        private void noteNotice() {
            String notice = store.openingNotice();
            if (notice != null && !notice.equals(noticeShown)) {
                notes.add(notice);
                noticeShown = notice;
            }
        }
    }
}
