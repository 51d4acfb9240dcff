package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Answers "what was every account's balance at T" over a ledger topic (see ARCHITECTURE.md, audit semantics):
 * the plan starts from the newest stored snapshot whose cut is at or before T (one that no longer fits the
 * topic is dropped and rebuilt), reads the rest of the topic and folds it; as it reads from the newest
 * snapshot (or from an empty store) it cuts new snapshots every {@link Settings#snapshotEvery} records.
 */
public final class LedgerReplay {

    /**
     * @param snapshotEvery   records between snapshots
     * @param keepInTail      events after the cut a snapshot keeps (the cut trails the newest events by these)
     * @param tailLimit       tail size at which the cut moves forward while reading
     * @param maxProblems     problems listed (all are counted)
     * @param notALedgerAfter records without a single ledger event after which the topic is called not a ledger
     */
    public record Settings(long snapshotEvery, int keepInTail, int tailLimit, int maxProblems, int notALedgerAfter) {
        public static Settings defaults() {
            return new Settings(100_000, 20_000, 100_000, 1_000, 1_000);
        }
    }

    @FunctionalInterface
    public interface Listener {
        Listener NONE = p -> { };

        /** Called on the replay's thread, a few times a second. */
        void progress(ReplayProgress progress);
    }

    private final LedgerSource source;
    private final SnapshotStore store;
    private final Settings settings;
    private final ReplayPlanner planner;

    public LedgerReplay(LedgerSource source, SnapshotStore store, Settings settings) {
        this.source = source;
        this.store = store;
        this.settings = settings;
        this.planner = new ReplayPlanner(store);
    }

    /**
     * The balances at each instant, in one pass over the topic. Snapshots that cannot be read, before or while
     * the pass uses them, are dropped and the pass made again from the first record: they only save reading.
     */
    public List<AuditReport> balancesAt(String topic, List<Instant> instants, Listener listener,
                                        BooleanSupplier cancelled) {
        List<String> notes = new ArrayList<>();
        planner.begin();
        try {
            return pass(topic, instants, listener, cancelled, notes, true);
        } catch (ReplayPlanner.SnapshotUnreadableException | SavedIds.Unreadable e) {
            // the ids saved with the snapshot this pass started from failed half-way: its answer cannot be finished
            planner.storeFailed(notes, "The saved snapshots of " + topic + " could not be read (" + e.getMessage()
                    + "); they were dropped and the answer was replayed in full.");
            return pass(topic, instants, listener, cancelled, notes, false);
        }
    }

    private List<AuditReport> pass(String topic, List<Instant> instants, Listener listener,
                                   BooleanSupplier cancelled, List<String> notes, boolean fromSnapshots) {
        long started = System.nanoTime();
        LedgerTopic now = source.describe(topic);
        long[] at = instants.stream().mapToLong(Instant::toEpochMilli).toArray();
        long earliest = java.util.Arrays.stream(at).min().orElseThrow();
        ReplayPlanner.Plan plan = fromSnapshots ? planner.plan(now, earliest, notes) : planner.fromTheStart(now, notes);
        Fold fold = new Fold(now, plan, at, listener, cancelled, notes);
        fold.run();
        planner.noteNewNotice(notes); // the store may have set its file aside while the pass used it
        double seconds = (System.nanoTime() - started) / 1e9;
        ReplayStats stats = new ReplayStats(fold.read, plan.from() == null ? 0 : plan.from().seq(), fold.written, seconds);
        List<Problem> listed = new ArrayList<>(plan.state().problems);
        ConflictList.addTo(listed, plan.state(), settings.maxProblems());
        // the ids are needed no more: their memory goes before the reports take theirs
        plan.state().seen.release();
        List<AuditReport> reports = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            reports.add(fold.report(i, instants.get(i), stats, listed));
        }
        return reports;
    }

    /** One pass: folds records into the state and into the answers for each instant. */
    private final class Fold {

        private final LedgerTopic topic;
        private final LedgerState s;
        private final long[] at;
        private final Balances[] answers;
        private final long[] events;
        private final long[] duplicates;
        private final Listener listener;
        private final BooleanSupplier cancelled;
        private final List<String> notes;
        /** Decodes batches of records on every core ahead of the fold, which takes them in reading order. */
        private final BatchDecoder decoder = new BatchDecoder(this::fold);
        private final long[] from;
        private final long total;
        private final long started = System.nanoTime();
        private boolean writable;
        private long nextSeq;
        private long read;
        private long eventsRead;
        private long lastSnapshotAt;
        /** Saves snapshots while the fold reads on; a cut is taken only when it is idle, which paces them. */
        private java.util.concurrent.ExecutorService writer;
        private java.util.concurrent.Future<?> saving;
        private long lastProgress = System.nanoTime();
        private int written;
        private static final int BATCH = 64;
        /** The events of the batch being folded waiting for {@link #flush}: their places in it and accounts. */
        private final int[] batchAt = new int[BATCH];
        private final int[] batchAccount = new int[BATCH];
        private final long[] batchK1 = new long[BATCH];
        private int batched;
        private DecodedBatch current;

        Fold(LedgerTopic topic, ReplayPlanner.Plan plan, long[] at, Listener listener, BooleanSupplier cancelled,
             List<String> notes) {
            this.topic = topic;
            this.s = plan.state();
            this.at = at;
            this.listener = listener;
            this.cancelled = cancelled;
            this.notes = notes;
            this.writable = plan.writable();
            this.nextSeq = plan.nextSeq();
            this.from = s.positions.clone();
            this.total = topic.offsetsFrom(from);
            s.seen.expect(s.seen.size() + total);
            answers = new Balances[at.length];
            events = new long[at.length];
            duplicates = new long[at.length];
            for (int i = 0; i < at.length; i++) {
                answers[i] = s.base.copy();
                events[i] = s.baseEvents;
                duplicates[i] = s.baseDuplicates + s.tailDuplicates.countAtOrBelow(at[i]);
                for (int j = 0; j < s.tail.size; j++) {
                    if (s.tail.timestamps[j] <= at[i]) {
                        s.tail.addTo(j, answers[i]);
                        events[i]++;
                    }
                }
            }
        }

        /** Reads the topic from the plan's positions and folds it. */
        void run() {
            try {
                source.read(topic, s.positions.clone(), this::record);
                finish();
            } finally {
                stopThreads();
            }
        }

        void record(int partition, long offset, byte[] key, byte[] value) {
            decoder.record(partition, offset, value);
        }

        private void fold(DecodedBatch b) {
            current = b;
            for (int i = 0; i < b.size; i++) {
                if ((++read & 1023) == 0) {
                    tick();
                }
                s.records++;
                int partition = b.partitions[i];
                long offset = b.offsets[i];
                s.positions[partition] = offset + 1;
                switch (b.outcomes[i]) {
                    case DecodedBatch.EVENT -> event(b, i);
                    case DecodedBatch.UNDECODABLE -> {
                        s.undecodable++;
                        problem(partition, offset, b.reasons[i]);
                    }
                    default -> {
                        s.unknownType++;
                        problem(partition, offset, b.reasons[i]);
                    }
                }
                if (writable && read - lastSnapshotAt >= settings.snapshotEvery()
                        && (saving == null || saving.isDone())) {
                    flush();
                    snapshot(false);
                }
            }
            flush(); // the batch is reused once this returns
        }

        /**
         * Adds a decoded event to a batch; the batch is folded in {@link #flush}. Looking a batch's ids up in
         * the table first lets the processor fetch their cache lines side by side instead of one miss at a
         * time, which is most of the fold's cost on a large ledger.
         */
        private void event(DecodedBatch b, int at) {
            eventsRead++;
            int i = batched++;
            batchAt[i] = at;
            batchK1[i] = b.k1[at];
            batchAccount[i] = s.accounts.indexOf(b.accountBytes, b.accountOffs[at], b.accountLens[at],
                    b.accountHashes[at]);
            if (batched == BATCH) {
                flush();
            }
        }

        /** Folds the batched events, in the order they were read. */
        private void flush() {
            int n = batched;
            if (n == 0) {
                return;
            }
            batched = 0;
            s.seen.touch(batchK1, n);
            DecodedBatch b = current;
            for (int j = 0; j < n; j++) {
                int i = batchAt[j];
                int account = batchAccount[j];
                s.noteScale(account, b.scales[i]);
                int e = s.seen.find(b.k1[i], b.k2[i]);
                if (e < 0) {
                    s.seen.add(b.k1[i], b.k2[i], account, b.timestamps[i], b.units[i], b.scales[i], b.credits[i],
                            b.bigs[i], b.partitions[i], b.offsets[i]);
                    count(account, b.timestamps[i], b.units[i], b.scales[i], b.bigs[i]);
                } else if (s.seen.same(e, account, b.timestamps[i], b.units[i], b.scales[i], b.credits[i], b.bigs[i])) {
                    duplicate(b.timestamps[i]);
                    s.seen.placeEarlier(e, b.partitions[i], b.offsets[i]);
                } else {
                    conflict(e, b, i, new EventTable.Variant(account, b.timestamps[i],
                            b.bigs[i] == null ? b.units[i] : 0, b.scales[i], b.credits[i], b.bigs[i],
                            b.partitions[i], b.offsets[i]));
                }
            }
        }

        /** Makes {@code record} the event of entry e in place of {@code used}. */
        private void use(int e, EventTable.Variant used, EventTable.Variant record) {
            uncount(used);
            s.seen.replace(e, record);
            count(record.account(), record.timestamp(), record.units(), record.scale(), record.big());
        }

        /** Adds an id's event to the balances: base or tail by its time, and each answer at or after it. */
        private void count(int account, long ts, long units, int scale, BigDecimal big) {
            if (ts <= s.cut) {
                s.base.add(account, units, scale, big);
                s.baseEvents++;
            } else {
                s.tail.add(account, ts, units, scale, big);
                if (s.tail.size > Math.max(settings.tailLimit(), 2 * keepInTail())) {
                    s.advanceCut(keepInTail());
                }
            }
            for (int i = 0; i < at.length; i++) {
                if (ts <= at[i]) {
                    answers[i].add(account, units, scale, big);
                    events[i]++;
                }
            }
            s.minTimestamp = Math.min(s.minTimestamp, ts);
            s.maxTimestamp = Math.max(s.maxTimestamp, ts);
        }

        /** Takes an id's event out of the balances again, exactly as {@link #count} put it in. */
        private void uncount(EventTable.Variant v) {
            BigDecimal negated = v.big() == null ? null : v.big().negate();
            long units = -v.units();
            if (v.timestamp() <= s.cut) {
                s.base.add(v.account(), units, v.scale(), negated);
                s.baseEvents--;
            } else if (!s.tail.removeOne(v.account(), v.timestamp(), v.units(), v.scale(), v.big())) {
                throw new IllegalStateException("an event to take back is not in the tail"); // a defect, never data
            }
            for (int i = 0; i < at.length; i++) {
                if (v.timestamp() <= at[i]) {
                    answers[i].add(v.account(), units, v.scale(), negated);
                    events[i]--;
                }
            }
        }

        private void duplicate(long ts) {
            if (ts <= s.cut) {
                s.baseDuplicates++;
            } else {
                s.tailDuplicates.add(ts);
            }
            for (int i = 0; i < at.length; i++) {
                if (ts <= at[i]) {
                    duplicates[i]++;
                }
            }
        }

        /**
         * A record whose id is known with other content: a redelivery of one of the id's other records, or one
         * more conflicting record. The id's earliest record is its event (see {@link EventTable.Variant#precedes}),
         * so one that precedes the event in use takes its place, and each content is placed at its earliest
         * record: what counts does not depend on the order partitions are read in.
         */
        private void conflict(int e, DecodedBatch b, int i, EventTable.Variant record) {
            LedgerState.IdKey key = new LedgerState.IdKey(b.k1[i], b.k2[i]);
            LedgerState.Conflict c = s.conflicts.get(key);
            if (c != null) {
                for (int k = 0; k < c.others.size(); k++) {
                    EventTable.Variant other = c.others.get(k);
                    if (other.sameContent(record)) {
                        duplicate(record.timestamp());
                        if (record.precedes(other)) {
                            // the content is placed at its earliest record, wherever that was read
                            c.others.set(k, record);
                            EventTable.Variant used = s.seen.variant(e);
                            if (record.precedes(used)) {
                                c.others.set(k, used);
                                use(e, used, record);
                            }
                        }
                        return;
                    }
                }
            } else {
                c = new LedgerState.Conflict(new String(b.idBytes, b.idOffs[i], b.idLens[i],
                        java.nio.charset.StandardCharsets.UTF_8));
                s.conflicts.put(key, c);
            }
            s.conflictRecords++;
            EventTable.Variant used = s.seen.variant(e);
            if (record.precedes(used)) {
                use(e, used, record);
                c.others.add(used);
            } else {
                c.others.add(record);
            }
        }

        private void problem(int partition, long offset, String reason) {
            if (s.problems.size() < settings.maxProblems()) {
                s.problems.add(new Problem(partition, offset, reason));
            }
        }

        private void tick() {
            if (cancelled.getAsBoolean()) {
                throw new ReplayCancelledException();
            }
            if (eventsRead == 0 && s.baseEvents + s.tail.size == 0 && read >= settings.notALedgerAfter()) {
                Problem first = s.problems.isEmpty() ? null : s.problems.getFirst();
                throw new LedgerReplayException("topic " + topic.name() + " does not look like a ledger: none of"
                        + " the first " + read + " records is a ledger event (" + s.undecodable + " undecodable, "
                        + s.unknownType + " of an unknown type" + (first == null ? "" : "; partition "
                        + first.partition() + " offset " + first.offset() + ": " + first.reason()) + ")");
            }
            long nowNanos = System.nanoTime();
            if (nowNanos - lastProgress >= 200_000_000L) {
                lastProgress = nowNanos;
                progress(nowNanos);
            }
        }

        private void progress(long nowNanos) {
            long done = 0;
            for (int p = 0; p < from.length; p++) {
                done += s.positions[p] - from[p];
            }
            listener.progress(ReplayProgress.after(done, total, read, nowNanos - started));
        }

        /** Cuts a snapshot of the state as it is between two records and saves it (in the background or now). */
        private void snapshot(boolean now) {
            if (!savedWithoutFailure()) {
                return;
            }
            lastSnapshotAt = read;
            if (!now || s.tail.size > Math.max(settings.tailLimit(), 2 * keepInTail())) {
                // the last cut of a replay keeps its whole tail, so questions about the recent past start there
                s.advanceCut(keepInTail());
            }
            SnapshotInfo info = new SnapshotInfo(topic.name(), nextSeq, topic.topicId(), s.positions, s.cut,
                    s.records, System.currentTimeMillis());
            byte[] state = s.encode();
            SavedIds.Parts ids = s.seen.takeUnsaved(nextSeq);
            java.util.Map<Long, byte[]> keys = java.util.Map.of(SavedIds.FILTERS, ids.filter(), nextSeq, ids.run());
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
                writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "ledger-snapshot-writer");
                    t.setDaemon(true);
                    return t;
                });
            }
            saving = writer.submit(() -> store.save(info, state, keys));
        }

        /**
         * Events kept after the cut: near the end of the read (its last 2 %), the newest 1 % of the ledger, so
         * the last snapshots answer any instant in the recent past, the one asked about most, without reading.
         */
        private int keepInTail() {
            long nearEnd = total - total / 50;
            return read >= nearEnd ? (int) Math.max(settings.keepInTail(), Math.min(2_000_000, total / 100))
                    : settings.keepInTail();
        }

        /** Waits for the snapshot being saved; false (and a note) when it failed, after which none are cut. */
        private boolean savedWithoutFailure() {
            if (saving == null) {
                return writable;
            }
            try {
                saving.get();
            } catch (java.util.concurrent.ExecutionException e) {
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

        void finish() {
            decoder.drain();
            flush();
            progress(System.nanoTime());
            if (writable && read - lastSnapshotAt >= Math.max(1, settings.snapshotEvery() / 10)) {
                snapshot(true);
            }
        }

        /** Stops the decoding threads and lets a snapshot being saved finish, so no write outlives the query. */
        void stopThreads() {
            decoder.close();
            savedWithoutFailure();
            if (writer != null) {
                writer.shutdown();
            }
        }

        AuditReport report(int i, Instant instant, ReplayStats stats, List<Problem> listed) {
            int n = s.accounts.size();
            String[] names = new String[n];
            BigDecimal[] values = new BigDecimal[n];
            for (int a = 0; a < n; a++) {
                names[a] = s.accounts.name(a);
                BigDecimal balance = answers[i].get(a);
                values[a] = balance.scale() < s.maxScale(a) ? balance.setScale(s.maxScale(a)) : balance;
            }
            List<String> reportNotes = new ArrayList<>(notes);
            if (events[i] == 0) {
                reportNotes.add("No event at or before " + instant + ": every balance is zero"
                        + (s.minTimestamp == Long.MAX_VALUE ? " (the topic holds no ledger events)."
                        : " (the first event is at " + Instant.ofEpochMilli(s.minTimestamp) + ")."));
            }
            if (s.accounts.notText() > 0) {
                reportNotes.add(s.accounts.notText() + " account id" + (s.accounts.notText() == 1 ? " is" : "s are")
                        + " not UTF-8 text: each byte that is not text is shown as \\xHH and a backslash as \\\\,"
                        + " so every account stays apart and its id can be given back as it is shown.");
            }
            if (s.conflictRecords > 0) {
                reportNotes.add(s.conflictRecords + " record" + (s.conflictRecords == 1 ? " reuses" : "s reuse")
                        + " an event id for a different event (listed with the problems): for each id the balance"
                        + " uses the earliest event (by event time, then partition and offset) and leaves the"
                        + " others out.");
            }
            return new AuditReport(topic.name(), instant, new BalanceTable(names, values), events[i],
                    duplicates[i], s.undecodable, s.unknownType, s.conflictRecords, listed, reportNotes, stats);
        }
    }
}
