package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer for each instant a replay is asked about, kept up to date as events are folded: the balances of
 * the events at or before it, how many events those are, and how many duplicates were read among them.
 */
final class InstantAnswers {

    private final long[] at;
    private final Balances[] balances;
    private final long[] events;
    private final long[] duplicates;

    /** Starts each answer from the state a pass starts from: its base and the tail events up to the instant. */
    InstantAnswers(long[] at, LedgerState s) {
        this.at = at;
        balances = new Balances[at.length];
        events = new long[at.length];
        duplicates = new long[at.length];
        for (int i = 0; i < at.length; i++) {
            balances[i] = s.base.copy();
            events[i] = s.baseEvents;
            duplicates[i] = s.baseDuplicates + s.tailDuplicates.countAtOrBelow(at[i]);
            for (int j = 0; j < s.tail.size; j++) {
                if (s.tail.timestamps[j] <= at[i]) {
                    s.tail.addTo(j, balances[i]);
                    events[i]++;
                }
            }
        }
    }

    /** An event at {@code ts} counts in each answer at or after it. */
    void add(int account, long ts, long units, int scale, BigDecimal big) {
        for (int i = 0; i < at.length; i++) {
            if (ts <= at[i]) {
                balances[i].add(account, units, scale, big);
                events[i]++;
            }
        }
    }

    /** Takes an event back out of the answers, given its amount negated. */
    void remove(int account, long ts, long negatedUnits, int scale, BigDecimal negatedBig) {
        for (int i = 0; i < at.length; i++) {
            if (ts <= at[i]) {
                balances[i].add(account, negatedUnits, scale, negatedBig);
                events[i]--;
            }
        }
    }

    /** A record that repeats an event at {@code ts}. */
    void duplicate(long ts) {
        for (int i = 0; i < at.length; i++) {
            if (ts <= at[i]) {
                duplicates[i]++;
            }
        }
    }

    /** The report of answer i: every account's balance at the account's largest scale, with notes. */
    AuditReport report(int i, Instant instant, String topic, LedgerState s, List<String> notes, ReplayStats stats,
                       List<Problem> listed) {
        int n = s.accounts.size();
        String[] names = new String[n];
        BigDecimal[] values = new BigDecimal[n];
        for (int a = 0; a < n; a++) {
            names[a] = s.accounts.name(a);
            BigDecimal balance = balances[i].get(a);
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
        return new AuditReport(topic, instant, new BalanceTable(names, values), events[i], duplicates[i],
                s.undecodable, s.unknownType, s.conflictRecords, listed, reportNotes, stats);
    }
}
