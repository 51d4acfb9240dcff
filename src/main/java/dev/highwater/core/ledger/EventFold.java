package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Folds decoded ledger events into a replay's state and answers, in the order they were read: a new id's event
 * counts, a redelivery of it counts as a duplicate, and an id reused for other content is a conflict in which
 * the earliest record wins (see {@link EventTable.Variant#precedes}). Events are taken in small batches whose
 * ids are looked up together (see {@link #event}).
 */
final class EventFold {

    private static final int BATCH = 64;

    private final LedgerState s;
    private final InstantAnswers answers;
    private final TailPolicy tail;
    /** The events of the batch being folded waiting for {@link #flush}: their places in it and accounts. */
    private final int[] batchAt = new int[BATCH];
    private final int[] batchAccount = new int[BATCH];
    private final long[] batchK1 = new long[BATCH];
    private int batched;
    private DecodedBatch current;
    private long events;

    EventFold(LedgerState s, InstantAnswers answers, TailPolicy tail) {
        this.s = s;
        this.answers = answers;
        this.tail = tail;
    }

    /** Ledger events taken so far. */
    long events() {
        return events;
    }

    /** Starts on a decoded batch: the events taken next are its records. */
    void begin(DecodedBatch b) {
        current = b;
    }

    /**
     * Takes record {@code at} of the current batch, an event; it is folded in {@link #flush}. Looking a batch's
     * ids up in the table first lets the processor fetch their cache lines side by side instead of one miss at a
     * time, which is most of the fold's cost on a large ledger.
     */
    void event(int at) {
        DecodedBatch b = current;
        events++;
        int i = batched++;
        batchAt[i] = at;
        batchK1[i] = b.k1[at];
        batchAccount[i] = s.accounts.indexOf(b.accountBytes, b.accountOffs[at], b.accountLens[at],
                b.accountHashes[at]);
        if (batched == BATCH) {
            flush();
        }
    }

    /** Folds the events taken and not folded yet, in the order they were read. */
    void flush() {
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
            if (tail.overfull(s.tail.size)) {
                s.advanceCut(tail.keep());
            }
        }
        answers.add(account, ts, units, scale, big);
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
        answers.remove(v.account(), v.timestamp(), units, v.scale(), negated);
    }

    private void duplicate(long ts) {
        if (ts <= s.cut) {
            s.baseDuplicates++;
        } else {
            s.tailDuplicates.add(ts);
        }
        answers.duplicate(ts);
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
            c = new LedgerState.Conflict(new String(b.idBytes, b.idOffs[i], b.idLens[i], StandardCharsets.UTF_8));
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
}
