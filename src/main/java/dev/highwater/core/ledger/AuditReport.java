package dev.highwater.core.ledger;

import java.time.Instant;
import java.util.List;

/**
 * Every account's balance on a ledger topic at an instant, with what was counted and what was not.
 *
 * @param events        distinct events at or before the instant (those that make the balances)
 * @param duplicates    redeliveries at or before the instant, counted once
 * @param undecodable   records that are not ledger events (over the whole topic read)
 * @param unknownType   ledger events of a type that is neither credit nor debit (over the whole topic read)
 * @param problems      the first of those records, by partition and offset
 * @param notes         sentences for the reader: an instant before the first event, snapshots rebuilt…
 */
public record AuditReport(String topic, Instant at, BalanceTable balances, long events, long duplicates,
                          long undecodable, long unknownType, List<Problem> problems, List<String> notes,
                          ReplayStats stats) {

    public AuditReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** The same report for fewer accounts. */
    public AuditReport only(List<String> accounts) {
        return new AuditReport(topic, at, balances.only(accounts), events, duplicates, undecodable, unknownType,
                problems, notes, stats);
    }
}
