package dev.highwater.core.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Answers "what was every account's balance at T" over a ledger topic (see docs/ARCHITECTURE.md, audit
 * semantics): the plan starts from the newest stored snapshot whose cut is at or before T (one that no longer
 * fits the topic is dropped and rebuilt), reads the rest of the topic and folds it; as it reads from the newest
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
    private final LedgerSchemas schemas;

    public LedgerReplay(LedgerSource source, SnapshotStore store, Settings settings) {
        this(source, store, settings, LedgerSchemas.NONE);
    }

    /** @param schemas the schemas of events framed for a schema registry, each read with its own */
    public LedgerReplay(LedgerSource source, SnapshotStore store, Settings settings, LedgerSchemas schemas) {
        this.source = source;
        this.store = store;
        this.settings = settings;
        this.planner = new ReplayPlanner(store);
        this.schemas = schemas;
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
        ReplayStats stats = new ReplayStats(fold.read(), plan.from() == null ? 0 : plan.from().seq(), fold.written(),
                seconds);
        List<Problem> listed = new ArrayList<>(plan.state().problems);
        ConflictList.addTo(listed, plan.state(), settings.maxProblems());
        // the ids are needed no more: their memory goes before the reports take theirs
        plan.state().seen.release();
        List<AuditReport> reports = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            reports.add(fold.report(i, instants.get(i), stats, listed, notes));
        }
        return reports;
    }

    /**
     * One pass: reads records, has them decoded ahead ({@link BatchDecoder}) and hands them, in reading order,
     * to the parts that each keep one concern: counting and cancelling ({@link ReplayTracker}), spotting a topic
     * that is not a ledger ({@link NotALedgerDetector}), folding events into the state and the answers
     * ({@link EventFold}, {@link InstantAnswers}) and cutting snapshots ({@link SnapshotScheduler}).
     */
    private final class Fold {

        private final LedgerTopic topic;
        private final LedgerState s;
        private final ReplayTracker tracker;
        private final NotALedgerDetector notALedger;
        private final InstantAnswers answers;
        private final EventFold events;
        private final SnapshotScheduler snapshots;
        /** Decodes batches of records on every core ahead of the fold, which takes them in reading order. */
        private final BatchDecoder decoder = new BatchDecoder(this::fold, schemas);

        Fold(LedgerTopic topic, ReplayPlanner.Plan plan, long[] at, Listener listener, BooleanSupplier cancelled,
             List<String> notes) {
            this.topic = topic;
            this.s = plan.state();
            long total = topic.offsetsFrom(s.positions);
            this.tracker = new ReplayTracker(s.positions, total, listener, cancelled, System.nanoTime());
            s.seen.expect(s.seen.size() + total);
            this.notALedger = new NotALedgerDetector(settings.notALedgerAfter());
            this.answers = new InstantAnswers(at, s);
            TailPolicy tail = new TailPolicy(settings.keepInTail(), settings.tailLimit(), total, tracker::read);
            this.events = new EventFold(s, answers, tail);
            this.snapshots = new SnapshotScheduler(topic, s, store, planner, notes, plan.writable(), plan.nextSeq(),
                    settings.snapshotEvery(), tail);
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
            events.begin(b);
            for (int i = 0; i < b.size; i++) {
                if (tracker.count()) {
                    tick();
                }
                s.records++;
                int partition = b.partitions[i];
                long offset = b.offsets[i];
                s.positions[partition] = offset + 1;
                switch (b.outcomes[i]) {
                    case DecodedBatch.EVENT -> events.event(i);
                    case DecodedBatch.UNDECODABLE -> {
                        s.undecodable++;
                        problem(partition, offset, b.reasons[i]);
                    }
                    default -> {
                        s.unknownType++;
                        problem(partition, offset, b.reasons[i]);
                    }
                }
                if (snapshots.due(tracker.read())) {
                    events.flush();
                    snapshots.cut(tracker.read(), false);
                }
            }
            events.flush(); // the batch is reused once this returns
        }

        private void problem(int partition, long offset, String reason) {
            if (s.problems.size() < settings.maxProblems()) {
                s.problems.add(new Problem(partition, offset, reason));
            }
        }

        private void tick() {
            tracker.checkCancelled();
            notALedger.check(topic.name(), tracker.read(), events.events(), s);
            tracker.progressIfDue(s.positions, System.nanoTime());
        }

        void finish() {
            decoder.drain();
            events.flush();
            tracker.progress(s.positions, System.nanoTime());
            snapshots.finish(tracker.read());
        }

        /** Stops the decoding threads and lets a snapshot being saved finish, so no write outlives the query. */
        void stopThreads() {
            decoder.close();
            snapshots.close();
        }

        long read() {
            return tracker.read();
        }

        int written() {
            return snapshots.written();
        }

        AuditReport report(int i, Instant instant, ReplayStats stats, List<Problem> listed, List<String> notes) {
            return answers.report(i, instant, topic.name(), s, notes, stats, listed);
        }
    }
}
